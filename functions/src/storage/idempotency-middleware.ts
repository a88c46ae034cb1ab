/**
 * Hono middleware honouring an `Idempotency-Key` header on POST / PATCH / PUT / DELETE.
 *
 * Scope = the caller's principal oid, so two users never share a key. The request hash covers
 * method, path, query, content type and the raw body, so reusing a key for a different request
 * (another route, another body) is IDEMPOTENCY_KEY_REUSED (422). The first response with a status
 * below 500 is stored and replayed (with `Idempotent-Replayed: true`) for retries; 5xx answers
 * are not stored, so a retry runs again. A duplicate arriving while the first is still running
 * gets CONFLICT (409) with Retry-After. Mount it after authentication so the principal is known.
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
const KEPT_HEADERS = ["content-type", "etag", "location", "content-language"];

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
    const body = new Uint8Array(await c.req.raw.clone().arrayBuffer());
    const hashInput = Buffer.concat([
      Buffer.from(`${c.req.method}\n${url.pathname}\n${url.search}\n${c.req.header("content-type") ?? ""}\n`),
      body,
    ]);
    const requestHash = sha256Hex(hashInput);
    const scope = principalOf(c) ?? "anonymous";

    try {
      const { result, replayed } = await storage.idempotency.run(scope, key, requestHash, async () => {
        await next();
        const res = c.res;
        if (res.status >= 500) throw new NotStored(res);
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
