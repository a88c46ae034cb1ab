import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "./common.types.js";

export const AuditVerifyQuery = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "query" }, example: "aoba-e" }),
});

export const AuditVerifyResponse = z
  .object({
    schoolId: z.string(),
    ok: z.boolean(),
    checked: z.number().int(),
    lastSeq: z.number().int(),
    firstBroken: z
      .object({
        seq: z.number().int(),
        id: z.string().nullable(),
        reason: z.enum(["hash mismatch", "prevHash mismatch", "gap"]),
      })
      .optional(),
  })
  .openapi("AuditVerification");

export const auditVerifyRoute = createRoute({
  method: "get",
  path: "/api/audit/verify",
  tags: ["audit"],
  summary: "監査ログの検証 / Verify a school's audit log",
  description:
    "ハッシュチェーンを再計算し、最初に壊れている記録を示します（管理者、または自校の校長）。 Recomputes the hash chain and names the first broken link (administrators; a principal for their own school).",
  security: BEARER_SECURITY,
  request: { query: AuditVerifyQuery },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: AuditVerifyResponse } } },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});
