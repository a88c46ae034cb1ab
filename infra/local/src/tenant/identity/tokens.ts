/**
 * Access tokens of the local tenant, with Entra's v2.0 claim names:
 * header { alg: RS256, typ: JWT, kid }, claims aud, iss, iat, nbf, exp, tid, oid, sub, name,
 * preferred_username, scp (delegated) or roles (application), azp, azpacr, ver "2.0", uti.
 */
import { createHash, randomBytes } from "node:crypto";
import { type JWTPayload, errors as joseErrors, jwtVerify } from "jose";
import { BOT_FRAMEWORK_TENANT, GRAPH_APP_ID, GRAPH_AUDIENCE, KOMU_CLIENT_ID } from "../constants.js";
import { GraphError, type TenantContext } from "../context.js";
import { keyRingOf } from "./registry.js";

/** The real Bot Framework tenant id (tokens from login.microsoftonline.com/botframework.com carry it). */
export const BOT_FRAMEWORK_TENANT_ID = "d6d49420-f39b-4df7-a1dc-d59a935871db";

export interface GraphUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  accountEnabled?: boolean;
}

export const uti = () => randomBytes(16).toString("base64url").slice(0, 22);

/** Entra's `sub` is pairwise per (user, app); deterministic here. */
export function pairwiseSub(oid: string, appId: string): string {
  return createHash("sha256").update(`${oid}:${appId}`).digest("base64url").slice(0, 43);
}

/** Object id of an app's service principal in this tenant (deterministic). */
export function servicePrincipalId(appId: string): string {
  const h = createHash("sha1").update(`komu-local:servicePrincipal:${appId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function botFrameworkIssuer(ctx: TenantContext): string {
  return `${ctx.config.origin}/${BOT_FRAMEWORK_TENANT}/v2.0`;
}

/** Issuers this tenant signs for (its own tenant, and the botframework.com tenant path). */
export function trustedIssuers(ctx: TenantContext): string[] {
  return [ctx.config.issuer, botFrameworkIssuer(ctx)];
}

export interface UserTokenOptions {
  audience: string;
  scopes: readonly string[];
  /** The client the token was issued to (azp); default Kōmu's app. */
  clientId?: string;
  expiresInSeconds?: number;
  /** Extra claims (e.g. nonce for id tokens). */
  extra?: Record<string, unknown>;
}

function findUser(ctx: TenantContext, userId: string): GraphUser {
  const user = ctx.store.collection<GraphUser>("users").get(userId);
  if (!user) throw new GraphError(404, "Request_ResourceNotFound", `User '${userId}' does not exist in the tenant.`);
  return user;
}

/** A delegated (user) access token, as Entra issues after sign-in, SSO or on-behalf-of. */
export async function issueUserToken(ctx: TenantContext, userId: string, options: UserTokenOptions): Promise<string> {
  const user = findUser(ctx, userId);
  const azp = options.clientId ?? KOMU_CLIENT_ID;
  return ctx.signToken(
    {
      aud: options.audience,
      iss: ctx.config.issuer,
      tid: ctx.config.tenantId,
      oid: user.id,
      sub: pairwiseSub(user.id, azp),
      name: user.displayName ?? "",
      preferred_username: user.userPrincipalName ?? "",
      scp: options.scopes.join(" "),
      azp,
      azpacr: "1",
      ver: "2.0",
      uti: uti(),
      rh: "0.local.",
      ...options.extra,
    },
    { expiresInSeconds: options.expiresInSeconds ?? 3600 },
  );
}

export interface AppTokenOptions {
  audience: string;
  roles: readonly string[];
  expiresInSeconds?: number;
  /** Defaults to this tenant; bot tokens use the botframework.com issuer. */
  issuer?: string;
  tenantId?: string;
}

/** An application (client credentials) access token. */
export async function issueAppToken(ctx: TenantContext, appId: string, options: AppTokenOptions): Promise<string> {
  const oid = servicePrincipalId(appId);
  return ctx.signToken(
    {
      aud: options.audience,
      iss: options.issuer ?? ctx.config.issuer,
      tid: options.tenantId ?? ctx.config.tenantId,
      oid,
      sub: oid,
      ...(options.roles.length ? { roles: [...options.roles] } : {}),
      azp: appId,
      azpacr: "1",
      idtyp: "app",
      ver: "2.0",
      uti: uti(),
      rh: "0.local.",
    },
    { expiresInSeconds: options.expiresInSeconds ?? 3600 },
  );
}

export interface VerifyOptions {
  /** Accepted audience(s). */
  audience: string | readonly string[];
  /** Accepted issuer(s); default: trustedIssuers(ctx). */
  issuer?: string | readonly string[];
}

export const WWW_AUTHENTICATE = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`;

function invalidToken(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message, { "WWW-Authenticate": WWW_AUTHENTICATE });
}

/** Verifies a token signed by this tenant (signature with current or previous key, iss, aud, nbf/exp). Throws a 401 GraphError. */
export async function verifyTenantToken(
  ctx: TenantContext,
  token: string,
  options: VerifyOptions,
): Promise<JWTPayload> {
  if (!token) throw invalidToken("Access token is empty.");
  const audiences = typeof options.audience === "string" ? [options.audience] : [...options.audience];
  const issuers =
    options.issuer === undefined
      ? trustedIssuers(ctx)
      : typeof options.issuer === "string"
        ? [options.issuer]
        : [...options.issuer];
  try {
    const { payload } = await jwtVerify(token, keyRingOf(ctx).verifier(), {
      audience: audiences,
      issuer: issuers,
      algorithms: ["RS256"],
      clockTolerance: 60,
      currentDate: ctx.now(),
    });
    return payload;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw invalidToken("Lifetime validation failed, the token is expired.");
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.claim === "aud") throw invalidToken("Access token validation failure. Invalid audience.");
      if (e.claim === "iss") throw invalidToken("Access token validation failure. Invalid issuer.");
      throw invalidToken(`Access token validation failure (${e.claim}).`);
    }
    if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JWKSNoMatchingKey) {
      throw invalidToken("Access token validation failure. Invalid signature.");
    }
    throw invalidToken("IDX14100: JWT is not well formed.");
  }
}

/** Audiences a Graph token may carry. */
export const GRAPH_AUDIENCES = [GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, GRAPH_APP_ID];
