/** Middleware for /v1.0/*: a valid Graph token is required; sets `caller`. */
import type { MiddlewareHandler } from "hono";
import { GraphError, type TenantContext, type TenantVariables } from "../context.js";
import { GRAPH_AUDIENCES, verifyTenantToken, WWW_AUTHENTICATE } from "./tokens.js";

export function graphAuth(ctx: TenantContext): MiddlewareHandler<{ Variables: TenantVariables }> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match)
      throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.", {
        "WWW-Authenticate": WWW_AUTHENTICATE,
      });
    const claims = await verifyTenantToken(ctx, (match[1] as string).trim(), {
      audience: GRAPH_AUDIENCES,
      issuer: ctx.config.issuer,
    });
    const scopes = typeof claims.scp === "string" ? claims.scp.split(" ").filter(Boolean) : [];
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [];
    const appId = typeof claims.azp === "string" ? claims.azp : typeof claims.appid === "string" ? claims.appid : "";
    const delegated = typeof claims.scp === "string" && typeof claims.oid === "string";
    c.set("caller", { appId, scopes, roles, ...(delegated ? { userId: claims.oid as string } : {}) });
    await next();
  };
}
