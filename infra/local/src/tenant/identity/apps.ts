/** App registrations of the local tenant and scope → resource resolution (as Entra does it). */
import {
  BOT_FRAMEWORK_AUDIENCE,
  BOT_FRAMEWORK_TENANT,
  GRAPH_APP_ID,
  GRAPH_AUDIENCE,
  KOMU_API_SCOPE,
  KOMU_APP_ROLES,
  KOMU_DELEGATED_SCOPES,
  UPN_DOMAIN,
} from "../constants.js";
import type { TenantConfig } from "../context.js";
import { EntraError, entra } from "./entra-errors.js";

export interface AppRegistration {
  appId: string;
  displayName: string;
  secret: string;
  /** application permissions on Graph */
  graphRoles: readonly string[];
  /** delegated permissions consented on Graph (what /.default gives) */
  graphScopes: readonly string[];
}

export function registeredApps(config: TenantConfig): AppRegistration[] {
  const apps: AppRegistration[] = [
    {
      appId: config.komuApp.clientId,
      displayName: "Kōmu",
      secret: config.komuApp.clientSecret,
      graphRoles: KOMU_APP_ROLES,
      graphScopes: KOMU_DELEGATED_SCOPES,
    },
  ];
  if (config.bot.appId !== config.komuApp.clientId) {
    apps.push({
      appId: config.bot.appId,
      displayName: "Kōmu bot",
      secret: config.bot.password,
      graphRoles: [],
      graphScopes: ["User.Read"],
    });
  }
  return apps;
}

export function findApp(config: TenantConfig, clientId: string): AppRegistration | undefined {
  return registeredApps(config).find((a) => a.appId === clientId);
}

/** Normalises the tenant path segment; undefined when unknown. "botframework.com" is kept. */
export function resolveTenant(config: TenantConfig, tenant: string): string | undefined {
  const t = tenant.toLowerCase();
  if (t === config.tenantId) return config.tenantId;
  if (t === BOT_FRAMEWORK_TENANT) return BOT_FRAMEWORK_TENANT;
  if (t === "common" || t === "organizations" || t === UPN_DOMAIN) return config.tenantId;
  return undefined;
}

export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

export type ResourceKind = "graph" | "komu" | "botframework";

export interface ResolvedScope {
  kind: ResourceKind;
  /** the `aud` of the token */
  audience: string;
  /** permissions requested on the resource, without the resource prefix (".default" included) */
  permissions: string[];
  /** OIDC scopes requested (openid, profile, offline_access, email) */
  oidc: string[];
}

/** Maps a scope parameter to one resource, like Entra (one resource per token request). */
export function resolveScope(config: TenantConfig, scopeParam: string, tenantLabel: string): ResolvedScope {
  const scopes = scopeParam.split(/\s+/).filter(Boolean);
  const oidc = scopes.filter((s) => OIDC_SCOPES.has(s.toLowerCase()));
  const rest = scopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
  let resource: string | undefined;
  const permissions: string[] = [];
  for (const s of rest) {
    const slash = s.lastIndexOf("/");
    const res = slash > 0 ? s.slice(0, slash) : GRAPH_AUDIENCE;
    const perm = slash > 0 ? s.slice(slash + 1) : s;
    const normalised = normaliseResource(config, res);
    if (!normalised) throw entra.unknownResource(res, tenantLabel);
    if (resource && resource !== normalised) throw entra.multipleResources();
    resource = normalised;
    permissions.push(perm);
  }
  const kind = (resource ?? "graph") as ResourceKind;
  const audience =
    kind === "graph" ? GRAPH_AUDIENCE : kind === "botframework" ? BOT_FRAMEWORK_AUDIENCE : config.komuApp.clientId;
  return { kind, audience, permissions: permissions.length ? permissions : ["User.Read"], oidc };
}

function normaliseResource(config: TenantConfig, resource: string): ResourceKind | undefined {
  const r = resource.replace(/\/+$/, "").toLowerCase();
  if (r === GRAPH_AUDIENCE || r === GRAPH_APP_ID || r === "https://graph.microsoft.com/v1.0") return "graph";
  if (r === BOT_FRAMEWORK_AUDIENCE) return "botframework";
  const komu = [
    config.komuApp.clientId,
    `api://${config.komuApp.clientId}`,
    config.komuApp.appIdUri,
    ...config.komuApp.audiences,
  ].map((x) => x.toLowerCase());
  if (komu.includes(r)) return "komu";
  return undefined;
}

/** Delegated permissions a token for `resolved` carries for `app`. */
export function delegatedScopes(app: AppRegistration | undefined, resolved: ResolvedScope): string[] {
  const isDefault = resolved.permissions.includes(".default");
  if (resolved.kind === "komu") return [KOMU_API_SCOPE];
  if (resolved.kind === "graph") {
    if (isDefault) return [...(app?.graphScopes ?? ["User.Read"])];
    return resolved.permissions;
  }
  return resolved.permissions.filter((p) => p !== ".default");
}

export function assertDefaultScope(resolved: ResolvedScope, scopeParam: string): void {
  if (resolved.permissions.length !== 1 || resolved.permissions[0] !== ".default")
    throw entra.defaultScopeRequired(scopeParam);
}

export { EntraError };
