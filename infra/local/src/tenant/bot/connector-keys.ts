/**
 * The Bot Connector's own signing key (separate from the tenant's Entra issuer keys): it signs
 * the tokens on activities the connector POSTs to the bot, in the Bot Framework token shape
 * (iss https://api.botframework.com, aud = bot app id, serviceurl, nbf/exp, kid), and is published
 * at GET /botframework/v1/.well-known/openidconfiguration → jwks_uri (keys carry
 * `endorsements: ["msteams"]`), as login.botframework.com does. The key lives in memory; a bot that
 * meets an unknown kid re-reads the JWKS.
 */
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import type { TenantApp, TenantContext } from "../context.js";

export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
export const OPENID_PATH = "/botframework/v1/.well-known/openidconfiguration";
export const JWKS_PATH = "/botframework/v1/.well-known/keys";

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

interface ConnectorKey {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: JWK & { endorsements: string[] };
}

const keys = new WeakMap<TenantContext, Promise<ConnectorKey>>();

function keyOf(ctx: TenantContext): Promise<ConnectorKey> {
  let key = keys.get(ctx);
  if (!key) {
    key = (async () => {
      const pair = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
      const kid = `bfc-${randomUUID().replace(/-/g, "").slice(0, 20)}`;
      const publicJwk = {
        ...(await exportJWK(pair.publicKey)),
        kid,
        use: "sig",
        alg: "RS256",
        endorsements: ["msteams"],
      } as ConnectorKey["publicJwk"];
      return { kid, privateKey: pair.privateKey, publicJwk };
    })();
    keys.set(ctx, key);
  }
  return key;
}

/** The serviceUrl the connector puts on activities (Teams' look: an origin with a trailing slash). */
export function connectorServiceUrl(ctx: TenantContext): string {
  return `${ctx.config.origin}/`;
}

/** A token for an activity sent to the bot (Bot Framework "connector → bot" token). */
export async function signConnectorToken(
  ctx: TenantContext,
  serviceUrl: string,
  lifetimeSeconds = 3600,
): Promise<string> {
  const key = await keyOf(ctx);
  const now = Math.floor(ctx.now().getTime() / 1000);
  return new SignJWT({ serviceurl: serviceUrl, appid: ctx.config.bot.appId })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT", x5t: key.kid })
    .setIssuer(BOT_FRAMEWORK_ISSUER)
    .setAudience(ctx.config.bot.appId)
    .setNotBefore(now - 5)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(key.privateKey);
}

export function registerConnectorKeys(app: TenantApp, ctx: TenantContext): void {
  app.get(OPENID_PATH, (c) =>
    c.json({
      issuer: BOT_FRAMEWORK_ISSUER,
      authorization_endpoint: "https://invalid.botframework.com",
      jwks_uri: `${ctx.config.origin}${JWKS_PATH}`,
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
    }),
  );
  app.get(JWKS_PATH, async (c) => {
    const key = await keyOf(ctx);
    return c.json({ keys: [key.publicJwk] });
  });
}
