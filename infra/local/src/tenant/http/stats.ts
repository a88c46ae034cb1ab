/**
 * Records every request in the stats under "<METHOD> <route pattern>", with the RU its handler
 * charged. Modules that dispatch behind a wildcard (SharePoint: "/sites/*") are named by the api
 * their first resource-unit charge gave, e.g. "POST /v1.0/sites/{site-id}/lists/{list-id}/items".
 */
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Stats, TenantVariables } from "../context.js";
import { runInRequestScope } from "../limits/scope.js";

export function routePattern(c: Parameters<typeof matchedRoutes>[0]): string {
  const routes = matchedRoutes(c).filter((r) => r.method !== "ALL");
  return routes.at(-1)?.path ?? "(unmatched)";
}

function apiName(c: Parameters<typeof matchedRoutes>[0], charged: string | undefined): string {
  const pattern = routePattern(c);
  const generic = pattern === "(unmatched)" || pattern.includes("*");
  const m = charged ? /^([A-Z]+) (.+)$/.exec(charged) : null;
  if (!generic || !m) return `${c.req.method} ${pattern}`;
  const path = m[2] as string;
  const prefix = c.req.path.startsWith("/v1.0/") && path.startsWith("/") && !path.startsWith("/v1.0/") ? "/v1.0" : "";
  return `${m[1]} ${prefix}${path}`;
}

export function statsMiddleware(stats: Stats): MiddlewareHandler<{ Variables: TenantVariables }> {
  return async (c, next) => {
    if (c.req.path.startsWith("/_emulator") || c.req.method === "OPTIONS") return next();
    const { scope, result } = runInRequestScope(() => next());
    await result;
    const status = scope.throttled && c.res.status !== 429 ? 429 : c.res.status;
    stats.record(apiName(c, scope.api), status, scope.resourceUnits);
  };
}
