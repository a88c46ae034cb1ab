/**
 * Signing keys of trusted token issuers: OpenID metadata → jwks_uri → JSON Web Key Set, per
 * issuer, for jose's `jwtVerify`.
 *   - every fetch has a timeout (AbortSignal.timeout, default 5 s);
 *   - the first load is awaited (concurrent requests share it); a failure is not cached, but a
 *     new attempt waits a few seconds (requests meanwhile fail fast), so an issuer outage is
 *     not hammered by every request;
 *   - once loaded, a key set is kept: after `refreshAfterMs` it is refreshed in the background
 *     while the old one keeps serving; a failed refresh keeps the old one and is retried after
 *     `refreshRetryMs`;
 *   - a token whose `kid` is not in the set triggers one foreground refresh per cooldown (30 s),
 *     for key rollover; if that refresh fails, the request fails with 503 (the key may be new).
 * Failures to reach the issuer are KomuError UPSTREAM_UNAVAILABLE (503, Retry-After); metadata
 * that does not describe the issuer asked for is CONFIGURATION_INVALID.
 */
import { KomuError } from "@komu/shared";
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

export interface IssuerKeysOptions {
  fetch?: typeof fetch;
  /** Default 24 h. */
  refreshAfterMs?: number;
  /** Default 60 s. */
  refreshRetryMs?: number;
  /** Default 5 s. */
  fetchTimeoutMs?: number;
  /** Minimum time between refreshes caused by unknown key ids. Default 30 s. */
  unknownKidCooldownMs?: number;
  /** Wait after a failed first load before the next attempt. Default 5 s. */
  failedLoadCooldownMs?: number;
  now?: () => number;
}

export interface IssuerKeys {
  /** The key resolver for this (already trusted) issuer; loads the keys on first use. */
  forIssuer(issuer: string): Promise<JWTVerifyGetKey>;
}

/** Seconds a client should wait after a 503 from here. */
const RETRY_AFTER_SECONDS = 10;

interface Loaded {
  jwksUri: string;
  keySet: ReturnType<typeof createLocalJWKSet>;
  /** When the current keys were fetched. */
  at: number;
  /** When the last refresh (successful or not) started. */
  attemptAt: number;
  refreshing?: Promise<void>;
}

interface IssuerState {
  loaded?: Loaded;
  loading?: Promise<Loaded>;
  failedAt?: number;
  failure?: KomuError;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

function unavailable(issuer: string, step: string, cause?: unknown, status?: number): KomuError {
  return new KomuError("UPSTREAM_UNAVAILABLE", {
    details: { issuer, step, ...(status === undefined ? {} : { status }) },
    retryAfter: RETRY_AFTER_SECONDS,
    cause,
  });
}

export function createIssuerKeys(options: IssuerKeysOptions = {}): IssuerKeys {
  const doFetch = options.fetch ?? fetch;
  const refreshAfter = options.refreshAfterMs ?? 24 * 3600_000;
  const refreshRetry = options.refreshRetryMs ?? 60_000;
  const timeoutMs = options.fetchTimeoutMs ?? 5_000;
  const kidCooldown = options.unknownKidCooldownMs ?? 30_000;
  const loadCooldown = options.failedLoadCooldownMs ?? 5_000;
  const now = options.now ?? Date.now;
  const states = new Map<string, IssuerState>();

  async function getJson(issuer: string, step: string, url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw unavailable(issuer, step, cause);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw unavailable(issuer, step, undefined, response.status);
    }
    try {
      return await response.json();
    } catch (cause) {
      throw unavailable(issuer, step, cause, response.status);
    }
  }

  async function discover(issuer: string): Promise<string> {
    const metadata = (await getJson(issuer, "openid-configuration", `${issuer}/.well-known/openid-configuration`)) as {
      issuer?: unknown;
      jwks_uri?: unknown;
    } | null;
    const jwksUri = str(metadata?.jwks_uri);
    // The key set must be https (http only when the issuer itself is, which config never allows
    // outside tests) and the metadata must be about the issuer we asked for.
    const schemeOk =
      jwksUri?.startsWith("https://") || (issuer.startsWith("http://") && jwksUri?.startsWith("http://"));
    if (!jwksUri || !schemeOk || str(metadata?.issuer)?.replace(/\/+$/, "") !== issuer) {
      throw new KomuError("CONFIGURATION_INVALID", {
        details: { issuer, problem: "OpenID metadata does not match the issuer" },
      });
    }
    return jwksUri;
  }

  async function fetchKeys(issuer: string, jwksUri: string): Promise<Loaded["keySet"]> {
    const jwks = (await getJson(issuer, "jwks", jwksUri)) as JSONWebKeySet | null;
    if (!jwks || !Array.isArray(jwks.keys)) throw unavailable(issuer, "jwks");
    try {
      return createLocalJWKSet(jwks);
    } catch (cause) {
      throw unavailable(issuer, "jwks", cause);
    }
  }

  async function load(issuer: string): Promise<Loaded> {
    const started = now();
    const jwksUri = await discover(issuer);
    return { jwksUri, keySet: await fetchKeys(issuer, jwksUri), at: started, attemptAt: started };
  }

  /** Replaces the loaded keys with fresh ones; on failure the old ones stay. */
  function refresh(issuer: string, loaded: Loaded): Promise<void> {
    if (loaded.refreshing) return loaded.refreshing;
    loaded.attemptAt = now();
    const attempt = (async () => {
      const started = now();
      const jwksUri = await discover(issuer);
      const keySet = await fetchKeys(issuer, jwksUri);
      Object.assign(loaded, { jwksUri, keySet, at: started });
    })().finally(() => {
      loaded.refreshing = undefined;
    });
    loaded.refreshing = attempt;
    return attempt;
  }

  function resolverFor(issuer: string, loaded: Loaded): JWTVerifyGetKey {
    return async (header, token) => {
      try {
        return await loaded.keySet(header, token);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        // Key rollover: a new kid may have been published since. Once per cooldown.
        if (now() - loaded.attemptAt < kidCooldown && !loaded.refreshing) throw error;
        await refresh(issuer, loaded);
        return loaded.keySet(header, token);
      }
    };
  }

  return {
    async forIssuer(issuer) {
      let state = states.get(issuer);
      if (!state) {
        state = {};
        states.set(issuer, state);
      }
      const { loaded } = state;
      if (loaded) {
        const stale = now() - loaded.at >= refreshAfter;
        if (stale && !loaded.refreshing && now() - loaded.attemptAt >= refreshRetry) {
          refresh(issuer, loaded).catch(() => {}); // keep serving; retried after refreshRetry
        }
        return resolverFor(issuer, loaded);
      }
      let loading = state.loading;
      if (!loading) {
        if (state.failure && state.failedAt !== undefined && now() - state.failedAt < loadCooldown) {
          throw state.failure;
        }
        const current = state;
        loading = load(issuer);
        current.loading = loading;
        loading.then(
          (value) => {
            current.loaded = value;
            current.loading = undefined;
            current.failure = undefined;
          },
          (error: unknown) => {
            current.loading = undefined;
            current.failedAt = now();
            current.failure = error instanceof KomuError ? error : unavailable(issuer, "keys", error);
          },
        );
      }
      return resolverFor(issuer, await loading);
    },
  };
}
