import { z } from "zod";

/** GET /client-config.json (no auth): what the tab needs to sign in and call the API. */
export const ClientConfig = z.object({
  /** Kōmu's Entra app (client) id. */
  clientId: z.string().min(1),
  tenantId: z.string().min(1),
  /** Authority host (https), e.g. https://login.microsoftonline.com or https://localhost:7072. */
  authority: z.string().url(),
  /** The same authority over plain http, for browsers that do not trust the local dev CA. */
  authorityHttp: z.string().url().optional(),
  /** The delegated scope for Kōmu's API, e.g. api://<domain>/<clientId>/access_as_user. */
  apiScope: z.string().min(1),
  /** local | dev | prod … */
  env: z.string().min(1),
  /** Live Share outside Teams (locally): the Fluid relay and the per-meeting container map. */
  liveShare: z.object({ relayUrl: z.string().url(), containersUrl: z.string().url() }).optional(),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

export async function fetchClientConfig(fetchImpl: typeof fetch = fetch): Promise<ClientConfig> {
  const res = await fetchImpl("/client-config.json", { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`GET /client-config.json answered ${res.status}`);
  return ClientConfig.parse(await res.json());
}

/** Locally the authority is the local Microsoft 365 tenant, whose sign-in is a PKCE redirect. */
export function isLocalTenant(config: ClientConfig): boolean {
  return config.env === "local";
}

/** `https://host` without a trailing slash or tenant segment. */
export function authorityBase(authority: string, tenantId: string): string {
  const trimmed = authority.replace(/\/+$/, "");
  return trimmed.endsWith(`/${tenantId}`) ? trimmed.slice(0, -tenantId.length - 1) : trimmed;
}

/** The authority a browser should talk to for the local tenant (http when offered). */
export function browserAuthority(config: ClientConfig): string {
  return authorityBase(config.authorityHttp ?? config.authority, config.tenantId);
}

/** Origins whose postMessages teams-js must accept: the local Teams client is served by the local tenant. */
export function teamsHostOrigins(config: ClientConfig): string[] {
  if (!isLocalTenant(config)) return [];
  const origins = [config.authority, config.authorityHttp]
    .filter((u): u is string => !!u)
    .map((u) => new URL(u).origin);
  return [...new Set(origins)];
}
