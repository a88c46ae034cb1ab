/**
 * Test fixture: a local tenant on a random port, in memory, with the dev CA the Vitest global
 * setup prepared (KOMU_TEST_DEV_CA_DIR; NODE_EXTRA_CA_CERTS makes Node trust it), plus token helpers.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "@komu/functions/config";
import { ensureDevCa } from "../../devca.js";
import { GRAPH_AUDIENCE, KOMU_CLIENT_ID, KOMU_CLIENT_SECRET } from "../constants.js";
import { issueUserToken } from "../identity/tokens.js";
import { type RunningTenant, type StartTenantOptions, startTenant } from "../server.js";

export async function startTestTenant(options: Partial<StartTenantOptions> = {}): Promise<RunningTenant> {
  const tls = await ensureDevCa(process.env.KOMU_TEST_DEV_CA_DIR ?? join(tmpdir(), "komu-test-dev-ca"));
  return startTenant({ port: 0, tls, ...options });
}

/** Kōmu's app registration on the tenant as createGraphGateway's config (client secret, no instance discovery). */
export function komuGraphConfig(
  tenant: Pick<RunningTenant, "origin" | "tenantId">,
): Pick<Config, "tenantId" | "clientId" | "clientSecret" | "authorityHost" | "publicCloud" | "graphBaseUrl"> {
  return {
    tenantId: tenant.tenantId,
    clientId: KOMU_CLIENT_ID,
    clientSecret: KOMU_CLIENT_SECRET,
    authorityHost: tenant.origin,
    publicCloud: false,
    graphBaseUrl: `${tenant.origin}/v1.0`,
  };
}

/** A Graph app token for Kōmu through the real token endpoint (client credentials). */
export async function appToken(tenant: RunningTenant, scope = `${GRAPH_AUDIENCE}/.default`): Promise<string> {
  const res = await fetch(`${tenant.origin}/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: KOMU_CLIENT_ID,
      client_secret: KOMU_CLIENT_SECRET,
      scope,
    }),
  });
  if (!res.ok) throw new Error(`token endpoint: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A delegated Graph token for a seeded user (as after on-behalf-of). */
export function userGraphToken(
  tenant: RunningTenant,
  userId: string,
  scopes: string[] = ["User.Read", "User.ReadBasic.All", "Sites.ReadWrite.All", "Files.ReadWrite.All"],
): Promise<string> {
  return issueUserToken(tenant.ctx, userId, { audience: GRAPH_AUDIENCE, scopes });
}

/** fetch with a bearer token against the tenant's https origin; `path` may be absolute. */
export function graphFetch(
  tenant: RunningTenant,
  token: string | undefined,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const url = /^https?:/.test(path) ? path : `${tenant.origin}${path.startsWith("/") ? "" : "/v1.0/"}${path}`;
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}
