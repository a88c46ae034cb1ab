/**
 * POST /{tenant}/oauth2/v2.0/token, form-encoded like Entra: client_credentials, on-behalf-of
 * (jwt-bearer), password (ROPC, seeded users + dev password), authorization_code (+PKCE) and
 * refresh_token. Errors in Entra's shape.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { BOT_FRAMEWORK_TENANT } from "../constants.js";
import type { TenantContext } from "../context.js";
import {
  type AppRegistration,
  assertDefaultScope,
  delegatedScopes,
  findApp,
  resolveScope,
  resolveTenant,
} from "./apps.js";
import { EntraError, entra } from "./entra-errors.js";
import type { IdentityState } from "./state.js";
import { opaque } from "./state.js";
import {
  BOT_FRAMEWORK_TENANT_ID,
  botFrameworkIssuer,
  issueAppToken,
  issueUserToken,
  pairwiseSub,
  uti,
  verifyTenantToken,
} from "./tokens.js";

const TOKEN_LIFETIME = 3599;

interface SeedUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  accountEnabled?: boolean;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

async function readForm(c: Context): Promise<URLSearchParams> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) throw entra.badRequestBody();
  return new URLSearchParams(await c.req.text());
}

function clientCredentials(
  c: Context,
  form: URLSearchParams,
): { clientId: string | undefined; secret: string | undefined } {
  const basic = c.req.header("authorization");
  if (basic?.toLowerCase().startsWith("basic ")) {
    const [id, secret] = Buffer.from(basic.slice(6), "base64").toString("utf8").split(":");
    return {
      clientId: id ? decodeURIComponent(id) : undefined,
      secret: secret !== undefined ? decodeURIComponent(secret) : undefined,
    };
  }
  return { clientId: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
}

/** Authenticates the client; `publicAllowed` lets a public (SPA) client through without a secret. */
function authenticateClient(
  c: Context,
  ctx: TenantContext,
  form: URLSearchParams,
  tenantLabel: string,
  publicAllowed: boolean,
): AppRegistration {
  const { clientId, secret } = clientCredentials(c, form);
  if (!clientId) throw entra.missing("client_id");
  const app = findApp(ctx.config, clientId);
  if (!app) throw entra.unknownClient(clientId, tenantLabel);
  if (secret === undefined || secret === "") {
    if (!publicAllowed) throw entra.secretRequired();
    return app;
  }
  if (!safeEqual(secret, app.secret)) throw entra.badSecret(clientId);
  return app;
}

function requireParam(form: URLSearchParams, name: string): string {
  const v = form.get(name);
  if (!v) throw entra.missing(name);
  return v;
}

function clientInfo(ctx: TenantContext, userId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: ctx.config.tenantId })).toString("base64url");
}

async function idToken(ctx: TenantContext, user: SeedUser, clientId: string, nonce?: string): Promise<string> {
  return ctx.signToken(
    {
      aud: clientId,
      iss: ctx.config.issuer,
      tid: ctx.config.tenantId,
      oid: user.id,
      sub: pairwiseSub(user.id, clientId),
      name: user.displayName ?? "",
      preferred_username: user.userPrincipalName ?? "",
      ver: "2.0",
      uti: uti(),
      rh: "0.local.",
      ...(nonce ? { nonce } : {}),
    },
    { expiresInSeconds: 3600 },
  );
}

/** Tokens for a signed-in user (password, code, refresh, OBO). */
async function userTokens(
  ctx: TenantContext,
  state: IdentityState,
  app: AppRegistration,
  user: SeedUser,
  scopeParam: string,
  tenantLabel: string,
  opts: { nonce?: string; wantsClientInfo: boolean; idToken: boolean },
): Promise<Record<string, unknown>> {
  const resolved = resolveScope(ctx.config, scopeParam, tenantLabel);
  const scp = delegatedScopes(app, resolved);
  const accessToken = await issueUserToken(ctx, user.id, {
    audience: resolved.audience,
    scopes: scp,
    clientId: app.appId,
    expiresInSeconds: TOKEN_LIFETIME + 1,
  });
  const scopeOut = [
    ...scp.map((s) => (resolved.kind === "graph" ? s : `${resolved.audience}/${s}`)),
    ...resolved.oidc.filter((s) => s !== "offline_access"),
  ];
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: scopeOut.join(" "),
    expires_in: TOKEN_LIFETIME,
    ext_expires_in: TOKEN_LIFETIME,
    access_token: accessToken,
  };
  if (resolved.oidc.includes("offline_access")) {
    const rt = opaque();
    state.refreshTokens.set(rt, { clientId: app.appId, userId: user.id, scope: scopeParam });
    body.refresh_token = rt;
  }
  if (opts.idToken && resolved.oidc.includes("openid")) body.id_token = await idToken(ctx, user, app.appId, opts.nonce);
  if (opts.wantsClientInfo) body.client_info = clientInfo(ctx, user.id);
  return body;
}

function userByUpn(ctx: TenantContext, upn: string): SeedUser | undefined {
  const lower = upn.toLowerCase();
  for (const u of ctx.store.collection<SeedUser>("users").values())
    if (u.userPrincipalName?.toLowerCase() === lower) return u;
  return undefined;
}

function liveUser(ctx: TenantContext, userId: string): SeedUser {
  const user = ctx.store.collection<SeedUser>("users").get(userId);
  if (!user) throw entra.badCredentials();
  if (user.accountEnabled === false) throw entra.disabledAccount();
  return user;
}

export async function handleTokenRequest(
  c: Context,
  ctx: TenantContext,
  state: IdentityState,
  tenant: string,
): Promise<Record<string, unknown>> {
  const tenantId = resolveTenant(ctx.config, tenant);
  if (!tenantId) throw entra.tenantNotFound(tenant);
  const form = await readForm(c);
  const grant = requireParam(form, "grant_type");
  const wantsClientInfo = form.get("client_info") === "1";

  switch (grant) {
    case "client_credentials": {
      const app = authenticateClient(c, ctx, form, tenant, false);
      const scopeParam = requireParam(form, "scope");
      const resolved = resolveScope(ctx.config, scopeParam, tenant);
      assertDefaultScope(resolved, scopeParam);
      const botTenant = tenantId === BOT_FRAMEWORK_TENANT;
      const roles = resolved.kind === "graph" ? app.graphRoles : [];
      const token = await issueAppToken(ctx, app.appId, {
        audience: resolved.audience,
        roles,
        expiresInSeconds: TOKEN_LIFETIME + 1,
        ...(botTenant ? { issuer: botFrameworkIssuer(ctx), tenantId: BOT_FRAMEWORK_TENANT_ID } : {}),
      });
      return { token_type: "Bearer", expires_in: TOKEN_LIFETIME, ext_expires_in: TOKEN_LIFETIME, access_token: token };
    }
    case "urn:ietf:params:oauth:grant-type:jwt-bearer": {
      const app = authenticateClient(c, ctx, form, tenant, false);
      const assertion = requireParam(form, "assertion");
      const scopeParam = requireParam(form, "scope");
      if (form.get("requested_token_use") !== "on_behalf_of") throw entra.missing("requested_token_use");
      let claims: Record<string, unknown>;
      try {
        claims = await verifyTenantToken(ctx, assertion, {
          audience: [
            ctx.config.komuApp.clientId,
            ctx.config.komuApp.appIdUri,
            `api://${ctx.config.komuApp.clientId}`,
            ...ctx.config.komuApp.audiences,
          ],
          issuer: ctx.config.issuer,
        });
      } catch (e) {
        throw entra.badAssertion(e instanceof Error ? e.message : "invalid token");
      }
      if (app.appId !== ctx.config.komuApp.clientId) throw entra.assertionAudience();
      if (typeof claims.oid !== "string" || typeof claims.scp !== "string")
        throw entra.badAssertion("the assertion is not a user token");
      const user = liveUser(ctx, claims.oid);
      return userTokens(ctx, state, app, user, scopeParam, tenant, { wantsClientInfo, idToken: false });
    }
    case "password": {
      const app = authenticateClient(c, ctx, form, tenant, true);
      const username = requireParam(form, "username");
      const password = requireParam(form, "password");
      const user = userByUpn(ctx, username);
      if (!user || !safeEqual(password, ctx.config.devPassword)) throw entra.badCredentials();
      if (user.accountEnabled === false) throw entra.disabledAccount();
      return userTokens(ctx, state, app, user, form.get("scope") ?? "openid profile", tenant, {
        wantsClientInfo,
        idToken: true,
      });
    }
    case "authorization_code": {
      const app = authenticateClient(c, ctx, form, tenant, true);
      const code = requireParam(form, "code");
      const pending = state.codes.get(code);
      state.codes.delete(code);
      if (!pending || pending.expiresAt < ctx.now().getTime() || pending.clientId !== app.appId) throw entra.badCode();
      if ((form.get("redirect_uri") ?? "") !== pending.redirectUri) throw entra.redirectMismatch();
      if (pending.codeChallenge) {
        const verifier = form.get("code_verifier");
        if (!verifier) throw entra.pkceMissing();
        const computed =
          pending.codeChallengeMethod === "plain"
            ? verifier
            : createHash("sha256").update(verifier).digest("base64url");
        if (!safeEqual(computed, pending.codeChallenge)) throw entra.pkceMismatch();
      }
      const user = liveUser(ctx, pending.userId);
      return userTokens(ctx, state, app, user, form.get("scope") ?? pending.scope, tenant, {
        wantsClientInfo,
        idToken: true,
        ...(pending.nonce ? { nonce: pending.nonce } : {}),
      });
    }
    case "refresh_token": {
      const app = authenticateClient(c, ctx, form, tenant, true);
      const rt = requireParam(form, "refresh_token");
      const granted = state.refreshTokens.get(rt);
      if (!granted || granted.clientId !== app.appId) throw entra.badRefreshToken();
      state.refreshTokens.delete(rt);
      const user = liveUser(ctx, granted.userId);
      const scope = form.get("scope") ?? granted.scope;
      const withOffline = scope.includes("offline_access") ? scope : `${scope} offline_access`;
      return userTokens(ctx, state, app, user, withOffline, tenant, { wantsClientInfo, idToken: true });
    }
    default:
      throw entra.unsupportedGrant(grant);
  }
}

export { EntraError };
