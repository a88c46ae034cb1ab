/** Records every request in the stats under "<METHOD> <route pattern>", with the RU its handler charged. */
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Stats, TenantVariables } from "../context.js";
import { runInRequestScope } from "../limits/scope.js";

export function routePattern(c: Parameters<typeof matchedRoutes>[0]): string {
  const routes = matchedRoutes(c).filter((r) => r.method !== "ALL");
  return routes.at(-1)?.path ?? "(unmatched)";
}

export function statsMiddleware(stats: Stats): MiddlewareHandler<{ Variables: TenantVariables }> {
  return async (c, next) => {
    if (c.req.path.startsWith("/_emulator") || c.req.method === "OPTIONS") return next();
    const { scope, result } = runInRequestScope(() => next());
    await result;
    const status = scope.throttled && c.res.status !== 429 ? 429 : c.res.status;
    stats.record(`${c.req.method} ${routePattern(c)}`, status, scope.resourceUnits);
  };
}
