import { z } from "@hono/zod-openapi";
import { ERROR_CODES, type ErrorCode, PRINCIPAL_KINDS, ROLES, SCHOOL_ID_PATTERN } from "@komu/shared";

/*
 * Route schemas are built from @hono/zod-openapi's `z` (never by calling .openapi() on schemas
 * created in @komu/shared: zod v4 instances created before the OpenAPI extension lack it).
 */
export const SchoolIdSchema = z.string().regex(SCHOOL_ID_PATTERN, "school id: lower-case letters, digits and hyphens");
export const RoleSchema = z.enum(ROLES).openapi("Role");
export const PrincipalKindSchema = z.enum(PRINCIPAL_KINDS).openapi("PrincipalKind");

export const LocalizedText = z.object({ ja: z.string(), en: z.string() }).openapi("LocalizedText");

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
      message: LocalizedText,
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi("Error");

const DESCRIPTIONS: Record<number, string> = {
  400: "入力内容に誤り / Bad request (VALIDATION_FAILED, MALFORMED_JSON, INVALID_ID)",
  401: "未認証 / Unauthenticated (UNAUTHENTICATED; see WWW-Authenticate)",
  403: "権限なし / Forbidden (FORBIDDEN)",
  404: "見つからない / Not found (NOT_FOUND)",
  409: "競合 / Conflict",
  412: "版が古い / Stale ETag (STALE_ETAG)",
  413: "大きすぎる / Payload too large (PAYLOAD_TOO_LARGE)",
  415: "形式が違う / Unsupported media type (UNSUPPORTED_MEDIA_TYPE)",
  429: "混雑 / Rate limited (RATE_LIMITED; see Retry-After)",
  503: "Microsoft 365 に接続できない / Upstream unavailable (UPSTREAM_UNAVAILABLE; see Retry-After)",
};

/** OpenAPI response entries for the error statuses an operation can answer. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: DESCRIPTIONS[status] ?? "Error", content: { "application/json": { schema: ErrorBody } } },
    ]),
  );
}

/** Errors every authenticated operation can answer. */
export const AUTHENTICATED_ERRORS = [401, 403, 503] as const;

export const BEARER_SECURITY = [{ bearerAuth: [] }];
