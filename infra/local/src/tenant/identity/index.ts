/** Entra-compatible identity endpoints of the local tenant. */
import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import type { TenantApp, TenantContext } from "../context.js";
import { resolveTenant } from "./apps.js";
import { authorizeGet, authorizePost } from "./authorize.js";
import { EntraError, entra } from "./entra-errors.js";
import { openIdConfiguration } from "./metadata.js";
import { keyRingOf } from "./registry.js";
import { createIdentityState } from "./state.js";
import { handleTokenRequest } from "./token-endpoint.js";

function entraErrorResponse(c: Context, ctx: TenantContext, e: EntraError): Response {
  const correlation = c.req.header("client-request-id") ?? randomUUID();
  return c.json(e.body(ctx.now(), correlation), e.status, { "Cache-Control": "no-store, no-cache" });
}

export function register(app: TenantApp, ctx: TenantContext): void {
  const state = createIdentityState();
  const origin = (c: Context) => new URL(c.req.url).origin;

  const metadata = (c: Context) => {
    const tenant = c.req.param("tenant") as string;
    if (!resolveTenant(ctx.config, tenant)) return entraErrorResponse(c, ctx, entra.tenantNotFound(tenant));
    return c.json(openIdConfiguration(ctx, origin(c), tenant.toLowerCase()));
  };
  app.get("/:tenant/v2.0/.well-known/openid-configuration", metadata);
  app.get("/:tenant/.well-known/openid-configuration", metadata);

  const keys = (c: Context) => {
    const tenant = c.req.param("tenant") as string;
    if (!resolveTenant(ctx.config, tenant)) return entraErrorResponse(c, ctx, entra.tenantNotFound(tenant));
    return c.json(keyRingOf(ctx).jwks());
  };
  app.get("/:tenant/discovery/v2.0/keys", keys);
  app.get("/:tenant/discovery/keys", keys);

  app.post("/:tenant/oauth2/v2.0/token", async (c) => {
    try {
      const body = await handleTokenRequest(c, ctx, state, c.req.param("tenant"));
      return c.json(body, 200, { "Cache-Control": "no-store, no-cache", Pragma: "no-cache" });
    } catch (e) {
      if (e instanceof EntraError) return entraErrorResponse(c, ctx, e);
      throw e;
    }
  });

  app.get("/:tenant/oauth2/v2.0/authorize", (c) => authorizeGet(c, ctx, c.req.param("tenant")));
  app.post("/:tenant/oauth2/v2.0/authorize", (c) => authorizePost(c, ctx, state, c.req.param("tenant")));

  app.post("/_emulator/rotate-keys", async (c) => {
    const key = await keyRingOf(ctx).rotate();
    return c.json({
      kid: key.kid,
      keys: keyRingOf(ctx)
        .jwks()
        .keys.map((k) => k.kid),
    });
  });
}
