/**
 * Validates the bearer token on an incoming activity the way the Bot Framework requires:
 *  - the token is a JWT signed (RS256) by a key listed in the JWKS named by the OpenID metadata
 *    (`BOT_OPENID_METADATA` → `jwks_uri`), fetched and cached; an unknown `kid` triggers one refetch
 *    (at most every 30 s), so key rotation is picked up;
 *  - the key's `endorsements` are present and include the activity's channelId ("msteams"); a key
 *    without endorsements is refused;
 *  - `iss` = BOT_TOKEN_ISSUER, `aud` = BOT_ID, exp/nbf valid (5 minutes clock skew);
 *  - the `serviceurl` claim equals activity.serviceUrl.
 * Any failure is a KomuError("UNAUTHENTICATED") (→ 401). Auth is never skipped.
 */
import { KomuError } from "@komu/shared";
import { decodeProtectedHeader, importJWK, type JWK, type JWTPayload, jwtVerify } from "jose";

export interface ActivityAuthOptions {
  openIdMetadataUrl: string;
  issuer: string;
  audience: string;
  fetch?: typeof fetch;
  clock?: () => Date;
}

interface CachedKeys {
  keys: (JWK & { endorsements?: string[] })[];
  fetchedAt: number;
}

const REFETCH_MIN_INTERVAL_MS = 30_000;
const MAX_AGE_MS = 24 * 3600_000;
const CLOCK_SKEW_SECONDS = 300;

export interface ActivityAuthenticator {
  verify(
    authorization: string | null | undefined,
    activity: { serviceUrl: string; channelId: string },
  ): Promise<JWTPayload>;
}

export function createActivityAuthenticator(options: ActivityAuthOptions): ActivityAuthenticator {
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? (() => new Date());
  let cache: CachedKeys | undefined;
  let inflight: Promise<CachedKeys> | undefined;

  async function load(): Promise<CachedKeys> {
    const metaRes = await doFetch(options.openIdMetadataUrl, { headers: { accept: "application/json" } });
    if (!metaRes.ok) throw new Error(`OpenID metadata ${metaRes.status}`);
    const meta = (await metaRes.json()) as { jwks_uri?: unknown };
    if (typeof meta.jwks_uri !== "string") throw new Error("OpenID metadata has no jwks_uri");
    const jwksRes = await doFetch(meta.jwks_uri, { headers: { accept: "application/json" } });
    if (!jwksRes.ok) throw new Error(`JWKS ${jwksRes.status}`);
    const jwks = (await jwksRes.json()) as { keys?: unknown };
    if (!Array.isArray(jwks.keys)) throw new Error("JWKS has no keys");
    return { keys: jwks.keys as CachedKeys["keys"], fetchedAt: Date.now() };
  }

  async function keys(forceRefresh: boolean): Promise<CachedKeys> {
    const stale = !cache || Date.now() - cache.fetchedAt > MAX_AGE_MS;
    const mayRefetch = !cache || Date.now() - cache.fetchedAt > REFETCH_MIN_INTERVAL_MS;
    if (stale || (forceRefresh && mayRefetch)) {
      inflight ??= load().finally(() => {
        inflight = undefined;
      });
      cache = await inflight;
    }
    if (!cache) throw new Error("no keys");
    return cache;
  }

  function fail(reason: string, cause?: unknown): never {
    throw new KomuError("UNAUTHENTICATED", { details: { reason }, cause });
  }

  return {
    async verify(authorization, activity) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
      if (!match?.[1]) fail("missing bearer token");
      const token = match[1];
      let kid: string | undefined;
      try {
        const header = decodeProtectedHeader(token);
        kid = header.kid;
        if (header.alg !== "RS256") fail(`unexpected alg ${String(header.alg)}`);
      } catch (e) {
        if (e instanceof KomuError) throw e;
        fail("malformed token", e);
      }
      if (!kid) fail("token has no kid");
      let set: CachedKeys;
      try {
        set = await keys(false);
        if (!set.keys.some((k) => k.kid === kid)) set = await keys(true);
      } catch (e) {
        fail("signing keys unavailable", e);
      }
      const jwk = set.keys.find((k) => k.kid === kid);
      if (!jwk) fail("unknown signing key");
      // Bot Framework spec: the key's endorsements must include the activity's channelId. A key
      // without endorsements is endorsed for nothing.
      if (!Array.isArray(jwk.endorsements)) fail("signing key has no endorsements");
      if (!activity.channelId || !jwk.endorsements.includes(activity.channelId)) {
        fail(`signing key is not endorsed for channel ${activity.channelId}`);
      }
      let payload: JWTPayload;
      try {
        const key = await importJWK({ ...jwk, alg: "RS256" }, "RS256");
        const result = await jwtVerify(token, key, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ["RS256"],
          clockTolerance: CLOCK_SKEW_SECONDS,
          currentDate: clock(),
          requiredClaims: ["exp"],
        });
        payload = result.payload;
      } catch (e) {
        fail(e instanceof Error ? e.message : "invalid token", e);
      }
      const serviceUrl =
        (payload as Record<string, unknown>).serviceurl ?? (payload as Record<string, unknown>).serviceUrl;
      if (typeof serviceUrl !== "string" || serviceUrl !== activity.serviceUrl) {
        fail("serviceurl claim does not match the activity's serviceUrl");
      }
      return payload;
    },
  };
}
