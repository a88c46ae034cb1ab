/**
 * Renders every failure as Kōmu's error body with a stable code. KomuError → its status (plus
 * Retry-After and, for 401, WWW-Authenticate); Hono's HTTPException → the matching code; anything
 * else is a bug: logged with the request id and answered 500 INTERNAL without internals.
 * Every 5xx is logged with its details, and answered without them.
 */
import { type ErrorBody, isKomuError, KomuError } from "@komu/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../deps.js";
import { tokenProblemDescription, tokenProblemOf } from "../identity/errors.js";

export interface ChallengeOptions {
  /** e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize */
  authorizationUri: string;
}

function fromHttpException(error: HTTPException): KomuError {
  switch (error.status) {
    case 400:
      return /json/i.test(error.message) ? new KomuError("MALFORMED_JSON") : new KomuError("VALIDATION_FAILED");
    case 401:
      return new KomuError("UNAUTHENTICATED");
    case 403:
      return new KomuError("FORBIDDEN");
    case 404:
      return new KomuError("NOT_FOUND");
    case 405:
      return new KomuError("METHOD_NOT_ALLOWED");
    case 413:
      return new KomuError("PAYLOAD_TOO_LARGE");
    case 415:
      return new KomuError("UNSUPPORTED_MEDIA_TYPE");
    default:
      return new KomuError("INTERNAL", { cause: error });
  }
}

export function bearerChallenge(options: ChallengeOptions, error?: KomuError): string {
  const parts = [`realm="komu"`, `authorization_uri="${options.authorizationUri}"`];
  const problem = error ? tokenProblemOf(error) : undefined;
  // RFC 6750 §3.1: no error code when the request carried no token at all.
  if (problem !== "missing_token") {
    parts.push(`error="invalid_token"`);
    parts.push(`error_description="${problem ? tokenProblemDescription(problem) : "The token is not valid"}"`);
  }
  return `Bearer ${parts.join(", ")}`;
}

/** Called (awaited, never failing the answer) for every FORBIDDEN, e.g. to record it in the audit log. */
export type DeniedHook = (c: Context, error: KomuError) => Promise<void>;

export function createErrorHandler(logger: Logger, challenge: ChallengeOptions, onDenied?: DeniedHook) {
  return async (err: Error, c: Context): Promise<Response> => {
    const requestId = (c.get("requestId") as string | undefined) ?? "";
    let error: KomuError;
    if (isKomuError(err)) error = err;
    else if (err instanceof HTTPException) error = fromHttpException(err);
    else error = new KomuError("INTERNAL", { cause: err });

    if (error.status >= 500) {
      const cause = error.cause ?? (error.code === "INTERNAL" ? err : undefined);
      logger.error("request failed", {
        requestId,
        method: c.req.method,
        path: c.req.path,
        code: error.code,
        details: error.details,
        error:
          cause instanceof Error
            ? { name: cause.name, message: cause.message, stack: cause.stack }
            : String(cause ?? err.message),
      });
    }
    if (error.code === "FORBIDDEN" && onDenied) {
      await onDenied(c, error).catch((e: unknown) =>
        logger.warn("recording a denied request failed", { requestId, error: String(e) }),
      );
    }
    const headers: Record<string, string> = {};
    if (error.retryAfter !== undefined) headers["Retry-After"] = String(Math.max(0, Math.ceil(error.retryAfter)));
    if (error.status === 401) headers["WWW-Authenticate"] = bearerChallenge(challenge, error);
    // The rest of an oversized body was never read: the connection cannot be reused.
    if (error.status === 413) headers.Connection = "close";
    // Server-side failures never echo internals (issuer URLs, Graph codes, …): those went to the
    // log above. INTERNAL also loses any custom message; other 5xx keep theirs (written for users).
    const body =
      error.code === "INTERNAL"
        ? new KomuError("INTERNAL").toBody(requestId)
        : error.status >= 500
          ? withoutDetails(error.toBody(requestId))
          : error.toBody(requestId);
    return c.json(body, error.status as 400, headers);
  };
}

function withoutDetails(body: ErrorBody): ErrorBody {
  const { details: _details, ...error } = body.error;
  return { error };
}
