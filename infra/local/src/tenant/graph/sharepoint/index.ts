/**
 * SharePoint / OneDrive / lists / permissions / retention labels / search of the local tenant.
 *
 * - `register(app, ctx)`: Graph routes, mounted by the core under /v1.0 (behind its auth middleware).
 * - `registerPublic(app, ctx)`: routes at the tenant root that need no Authorization header
 *   (upload session URLs, pre-authenticated download URLs, anonymous sharing links).
 */
import type { Context, Next } from "hono";
import type { TenantApp, TenantContext, TenantVariables } from "../../context.js";
import { relativePath } from "./address.js";
import type { Req } from "./http.js";
import { dispatch } from "./router.js";
import { handleSearch } from "./search.js";

export { defineRetentionLabel } from "./labels.js";
export { ensurePersonalDrive, ensureSite } from "./model.js";
export { effectivePermissions, hasSharedAccess } from "./permissions-model.js";
export { registerPublic } from "./public.js";

const toReq = (c: Context<{ Variables: TenantVariables }>, ctx: TenantContext): Req => ({
  c,
  ctx,
  method: c.req.method,
  url: new URL(c.req.url),
});

export function register(app: TenantApp, ctx: TenantContext): void {
  const handler = async (c: Context<{ Variables: TenantVariables }>, next: Next) => {
    const res = await dispatch(toReq(c, ctx), relativePath(c.req.url));
    if (res) return res;
    await next();
    return undefined;
  };
  for (const path of [
    "/drives/*",
    "/sites",
    "/sites/*",
    "/me/drive",
    "/me/drive/*",
    "/me/drives",
    "/me/drives/*",
    "/users/:userId/drive",
    "/users/:userId/drive/*",
    "/users/:userId/drives",
    "/users/:userId/drives/*",
    "/shares/*",
  ]) {
    app.all(path, handler as never);
  }
  app.post("/search/query", (c) => handleSearch(toReq(c, ctx)));
}
