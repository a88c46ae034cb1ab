/**
 * The zero-trust gate in front of every /api route, driven by the route table:
 *   unknown path → 404 NOT_FOUND; known path, other method → 405 METHOD_NOT_ALLOWED (+ Allow);
 *   non-public route → bearer token validated and principal resolved (401 / 403), never skipped;
 *   body policy → size limit (413, hono/body-limit), JSON content type (415), well-formed JSON
 *   (400 MALFORMED_JSON), required body present (400 VALIDATION_FAILED); binary bodies (uploads)
 *   are only size-limited here (their route checks the content).
 * Route handlers run only after all of this passed.
 */
import { KomuError } from "@komu/shared";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps } from "../deps.js";
import type { createRouteTable } from "./route-table.js";
import { type BodyPolicy, DEFAULT_NO_BODY_LIMIT, type KomuEnv } from "./types.js";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return m?.[1];
}

async function enforceBody(
  c: Parameters<MiddlewareHandler<KomuEnv>>[0],
  policy: BodyPolicy,
  deps: AppDeps,
): Promise<void> {
  const maxBytes =
    policy.kind === "json"
      ? policy.maxBytes
      : policy.kind === "binary"
        ? typeof policy.maxBytes === "function"
          ? policy.maxBytes(deps)
          : policy.maxBytes
        : (policy.maxBytes ?? DEFAULT_NO_BODY_LIMIT);
  let tooLarge = false;
  await bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      tooLarge = true;
      return new Response(null, { status: 413 });
    },
  })(c, async () => {});
  if (tooLarge) {
    if (policy.kind === "binary" && policy.tooLarge) throw policy.tooLarge(maxBytes);
    throw new KomuError("PAYLOAD_TOO_LARGE", { details: { maxBytes } });
  }
  if (policy.kind !== "json") return;

  const text = await c.req.text();
  if (text.trim() === "") {
    if (policy.required) {
      throw new KomuError("VALIDATION_FAILED", {
        details: { target: "json", issues: [{ path: "", code: "required", message: "A JSON body is required" }] },
      });
    }
    return;
  }
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    throw new KomuError("UNSUPPORTED_MEDIA_TYPE", {
      details: { contentType: mediaType || null, expected: "application/json" },
    });
  }
  try {
    JSON.parse(text);
  } catch {
    throw new KomuError("MALFORMED_JSON");
  }
}

export function createGuard(deps: AppDeps, table: ReturnType<typeof createRouteTable>): MiddlewareHandler<KomuEnv> {
  return async (c, next) => {
    const { entry, allowed } = table.match(c.req.method, c.req.path);
    if (!entry) {
      if (allowed.length === 0) throw new KomuError("NOT_FOUND", { details: { path: c.req.path } });
      const allow = allowed.includes("GET") ? [...allowed, "HEAD"] : allowed;
      c.header("Allow", allow.join(", "));
      throw new KomuError("METHOD_NOT_ALLOWED", { details: { method: c.req.method, allowed: allow } });
    }

    if (entry.auth === "required") {
      const bearer = bearerToken(c.req.header("authorization"));
      const token = await deps.tokenValidator.validate(bearer);
      const { principal, schoolNames } = await deps.principals.resolve(token);
      c.set("token", token);
      c.set("bearer", bearer as string);
      c.set("principal", principal);
      c.set("schoolNames", schoolNames);
    }

    if (entry.endpoint && BODY_METHODS.has(c.req.method.toUpperCase())) {
      await enforceBody(c, entry.endpoint.body, deps);
    }
    await next();
  };
}
