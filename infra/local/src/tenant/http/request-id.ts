/** Graph-style request ids: every response carries `request-id` and `client-request-id`. */
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { TenantVariables } from "../context.js";

export const clientRequestIdOf = (c: { req: { header(name: string): string | undefined } }, requestId: string) =>
  c.req.header("client-request-id") ?? requestId;

export function requestIds(): MiddlewareHandler<{ Variables: TenantVariables }> {
  return async (c, next) => {
    const requestId = randomUUID();
    c.set("requestId", requestId);
    await next();
    c.res.headers.set("request-id", requestId);
    c.res.headers.set("client-request-id", clientRequestIdOf(c, requestId));
  };
}
