/**
 * Hono middleware honouring an `Idempotency-Key` header on POST / PATCH / PUT / DELETE.
 *
 * Scope = the caller's principal oid, so two users never share a key. The request hash covers
 * method, path, query, content type, If-Match and the body, so reusing a key for a different
 * request (another route, another body, a fresh ETag) is IDEMPOTENCY_KEY_REUSED (422).
 *
 * Only answers that a retry would get again are stored and replayed (with
 * `Idempotent-Replayed: true`): 2xx and the deterministic 4xx (400, 404, 405, 413, 415, 422).
 * Transient or caller-state answers (401/403 depend on the token; 408, 409, 412, 425, 429; every
 * 5xx) are passed through and forgotten, so a retry with the same key runs again. A duplicate
 * arriving while the first is still running gets CONFLICT (409) with Retry-After.
 *
 * The body is read through Hono's body cache (`c.req.arrayBuffer()`): the guard has usually read
 * it already with `c.req.text()`, after which the raw request can no longer be cloned.
 * Mount it after authentication so the principal is known.
 */
import { KomuError } from "@komu/shared";
import type { Context, MiddlewareHandler } from "hono";
import { sha256Hex } from "./hash.js";
import type { IdempotencyStore } from "./idempotency-store.js";

export interface IdempotencyMiddlewareOptions {
  /** The caller's id; default reads `c.get("principal")?.oid`, else "anonymous". */
  principalId?: (c: Context) => string | undefined;
  header?: string;
}

const METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying. */
const KEPT_HEADERS = ["content-type", "etag", "location", "content-language", "retry-after"];
/** 4xx answers that do not depend on time, on other requests or on the caller's token. */
const DETERMINISTIC_4XX = new Set([400, 404, 405, 413, 415, 422]);

/** Whether an answer with this status may be stored and replayed for a retry. */
export const isReplayableStatus = (status: number): boolean =>
  (status >= 200 && status < 300) || DETERMINISTIC_4XX.has(status);

class NotStored extends Error {
  constructor(readonly response: Response) {
    super("response not stored");
  }
}

const defaultPrincipalId = (c: Context): string | undefined => {
  const p = (c.get as (k: string) => unknown)("principal") as { oid?: unknown } | undefined;
  return typeof p?.oid === "string" ? p.oid : undefined;
};

export function idempotencyMiddleware(
  storage: { idempotency: IdempotencyStore },
  opts: IdempotencyMiddlewareOptions = {},
): MiddlewareHandler {
  const headerName = opts.header ?? "Idempotency-Key";
  const principalOf = opts.principalId ?? defaultPrincipalId;

  return async (c, next) => {
    const key = c.req.header(headerName);
    if (key === undefined || !METHODS.has(c.req.method)) {
      await next();
      return;
    }
    if (!KEY.test(key)) {
      throw new KomuError("VALIDATION_FAILED", {
        details: { header: headerName, reason: "1–255 printable ASCII characters" },
        message: {
          ja: `${headerName} ヘッダーは 1〜255 文字の英数字・記号にしてください。`,
          en: `The ${headerName} header must be 1–255 printable ASCII characters.`,
        },
      });
    }
    const url = new URL(c.req.url);
    // Through Hono's cache: reuses what the guard (or a validator) already read.
    const body = new Uint8Array(await c.req.arrayBuffer());
    const hashInput = Buffer.concat([
      Buffer.from(
        [c.req.method, url.pathname, url.search, c.req.header("content-type") ?? "", c.req.header("if-match") ?? ""]
          .map((part) => `${part}\n`)
          .join(""),
      ),
      body,
    ]);
    const requestHash = sha256Hex(hashInput);
    const scope = principalOf(c) ?? "anonymous";

    try {
      const { result, replayed } = await storage.idempotency.run(scope, key, requestHash, async () => {
        await next();
        const res = c.res;
        if (!isReplayableStatus(res.status)) throw new NotStored(res);
        const text = await res.clone().text();
        const headers: Record<string, string> = {};
        for (const h of KEPT_HEADERS) {
          const v = res.headers.get(h);
          if (v !== null) headers[h] = v;
        }
        return { status: res.status, body: text, headers };
      });
      if (replayed) {
        const headers = new Headers(result.headers ?? {});
        headers.set("Idempotent-Replayed", "true");
        const status = result.status;
        const bodyless = status === 204 || status === 304 || result.body === null;
        c.res = new Response(bodyless ? null : String(result.body), { status, headers });
        return c.res;
      }
    } catch (e) {
      if (e instanceof NotStored) {
        c.res = e.response;
        return c.res;
      }
      throw e;
    }
  };
}
