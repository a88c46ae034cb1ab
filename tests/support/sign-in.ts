/** A seeded user's token for Kōmu's API from the local tenant (resource-owner password grant, as test clients do). */
import type { RunningPlatform } from "@komu/local/platform";

export async function signIn(platform: RunningPlatform, upn: string): Promise<string> {
  const { config, tenant } = platform;
  const appIdUri = config.apiAudiences.find((a) => a.startsWith("api://")) ?? `api://${config.clientId}`;
  const res = await fetch(`${tenant.origin}/${config.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "password",
      client_id: config.clientId,
      username: upn,
      password: config.m365.devPassword ?? "",
      scope: `${appIdUri}/access_as_user`,
    }),
  });
  if (!res.ok) throw new Error(`sign-in of ${upn} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
