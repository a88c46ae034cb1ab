/**
 * GET /client-config.json (public, outside /api and the OpenAPI document): what the tab (teams-app) needs before anyone is signed in —
 * Kōmu's client id, the tenant, the authority host (plus its plain-http twin for browsers when
 * the authority is the local tenant), the delegated API scope and, locally, Live Share's relay and
 * container map (meetings' presenter mode outside Teams). All of it is public (the Teams
 * manifest publishes the same ids); no secret is ever returned.
 */
import type { z } from "@hono/zod-openapi";
import type { Config } from "../../config.js";
import type { KomuApp } from "../../http/types.js";
import { CLIENT_CONFIG_PATH, type ClientConfigResponse } from "./client-config.types.js";

export const API_SCOPE = "access_as_user";

export function clientConfigFrom(config: Config): z.infer<typeof ClientConfigResponse> {
  // Teams SSO asks for the manifest's webApplicationInfo.resource, api://<tab domain>/<client id>;
  // it is one of the accepted audiences. Fallback: the bare api://<client id>.
  const appIdUri = config.apiAudiences.find((a) => a.startsWith("api://")) ?? `api://${config.clientId}`;
  return {
    clientId: config.clientId,
    tenantId: config.tenantId,
    authority: config.authorityHost,
    ...(config.env === "local" ? { authorityHttp: config.authorityHost.replace(/^https:/, "http:") } : {}),
    apiScope: `${appIdUri.replace(/\/+$/, "")}/${API_SCOPE}`,
    env: config.env,
    ...(config.liveShare ? { liveShare: config.liveShare } : {}),
  };
}

/** Registers GET /client-config.json on the host app (not an API route: no token, not in OpenAPI). */
export function registerClientConfig(app: KomuApp, config: Config): void {
  const body = clientConfigFrom(config);
  app.get(CLIENT_CONFIG_PATH, (c) => {
    c.header("Cache-Control", "no-cache");
    return c.json(body, 200);
  });
}
