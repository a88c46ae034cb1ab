/**
 * Bearer token validation for Kōmu's API (zero trust: every non-public route).
 * RS256 only; signature against the trusted issuer's JWKS (discovered from its OpenID metadata,
 * cached); `iss` in the trusted list (checked BEFORE any key fetch, so an attacker cannot make us
 * fetch arbitrary URLs); `aud` in the accepted audiences; `exp` (required) and `nbf` with at most
 * 60 s clock skew; `tid` equal to the configured tenant; `oid` present.
 */
import { KomuError } from "@komu/shared";
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
} from "jose";
import { type TokenProblem, unauthenticated } from "./errors.js";

export interface TokenValidatorOptions {
  issuers: string[];
  audiences: string[];
  tenantId: string;
  /** Allowed clock skew for exp/nbf; capped at 60 s. Default 60. */
  clockSkewSeconds?: number;
  /** When set, the token's `scp` must contain it (e.g. "access_as_user"). */
  requiredScope?: string;
  clock?: () => Date;
  fetch?: typeof fetch;
  /** How long discovered metadata (jwks_uri) is kept. Default 24 h. */
  metadataMaxAgeMs?: number;
}

/** The claims Kōmu relies on, after validation. */
export interface VerifiedToken {
  oid: string;
  tid: string;
  iss: string;
  aud: string;
  name: string;
  preferredUsername: string;
  roles: string[];
  scopes: string[];
  expiresAt: Date;
  claims: JWTPayload;
}

export interface TokenValidator {
  validate(token: string | undefined): Promise<VerifiedToken>;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

function problemOf(error: unknown): TokenProblem | undefined {
  if (error instanceof errors.JWTExpired) return "token_expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "token_not_yet_valid";
    if (error.claim === "aud") return "audience_not_accepted";
    if (error.claim === "iss") return "untrusted_issuer";
    if (error.reason === "missing") return "missing_claim";
    return "malformed_token";
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return "algorithm_not_allowed";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return "unknown_signing_key";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "invalid_signature";
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return "malformed_token";
  return undefined;
}

export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const issuers = new Set(options.issuers.map((i) => i.replace(/\/+$/, "")));
  const audiences = [...options.audiences];
  const tenantId = options.tenantId.toLowerCase();
  const skew = Math.min(60, Math.max(0, options.clockSkewSeconds ?? 60));
  const clock = options.clock ?? (() => new Date());
  const doFetch = options.fetch ?? fetch;
  const metadataMaxAge = options.metadataMaxAgeMs ?? 24 * 3600_000;
  const keySets = new Map<string, { keys: Promise<KeySet>; at: number }>();

  async function discover(issuer: string): Promise<KeySet> {
    const url = `${issuer}/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await doFetch(url, { headers: { accept: "application/json" } });
    } catch (cause) {
      throw new KomuError("UPSTREAM_UNAVAILABLE", { details: { issuer, step: "openid-configuration" }, cause });
    }
    if (!response.ok) {
      throw new KomuError("UPSTREAM_UNAVAILABLE", {
        details: { issuer, step: "openid-configuration", status: response.status },
      });
    }
    const metadata = (await response.json().catch(() => ({}))) as { issuer?: unknown; jwks_uri?: unknown };
    const jwksUri = str(metadata.jwks_uri);
    // The key set must be https (http only when the issuer itself is, which config never allows
    // outside tests) and the metadata must be about the issuer we asked for.
    const schemeOk =
      jwksUri?.startsWith("https://") || (issuer.startsWith("http://") && jwksUri?.startsWith("http://"));
    if (!jwksUri || !schemeOk || str(metadata.issuer)?.replace(/\/+$/, "") !== issuer) {
      throw new KomuError("CONFIGURATION_INVALID", {
        details: { issuer, problem: "OpenID metadata does not match the issuer" },
      });
    }
    return createRemoteJWKSet(new URL(jwksUri), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
      ...(options.fetch ? { [customFetch]: options.fetch } : {}),
    });
  }

  function keySetFor(issuer: string): Promise<KeySet> {
    const cached = keySets.get(issuer);
    if (cached && Date.now() - cached.at < metadataMaxAge) return cached.keys;
    const keys = discover(issuer);
    keySets.set(issuer, { keys, at: Date.now() });
    keys.catch(() => keySets.delete(issuer)); // retry discovery on the next request
    return keys;
  }

  return {
    async validate(token) {
      if (!token) throw unauthenticated("missing_token");
      let issuer: string;
      try {
        const header = decodeProtectedHeader(token);
        if (header.alg !== "RS256") throw unauthenticated("algorithm_not_allowed");
        issuer = str(decodeJwt(token).iss)?.replace(/\/+$/, "") ?? "";
      } catch (error) {
        if (error instanceof KomuError) throw error;
        throw unauthenticated("malformed_token", error);
      }
      if (!issuers.has(issuer)) throw unauthenticated("untrusted_issuer");

      const keys = await keySetFor(issuer);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ["RS256"],
          issuer,
          audience: audiences,
          clockTolerance: skew,
          currentDate: clock(),
          requiredClaims: ["exp", "tid", "oid"],
        }));
      } catch (error) {
        const problem = problemOf(error);
        if (problem) throw unauthenticated(problem, error);
        if (error instanceof errors.JWKSTimeout) {
          throw new KomuError("UPSTREAM_UNAVAILABLE", { details: { issuer, step: "jwks" }, cause: error });
        }
        throw unauthenticated("invalid_signature", error);
      }

      const tid = str(payload.tid)?.toLowerCase();
      if (tid !== tenantId) throw unauthenticated("wrong_tenant");
      const oid = str(payload.oid);
      if (!oid) throw unauthenticated("missing_claim");
      const scopes = (str(payload.scp) ?? "").split(" ").filter(Boolean);
      if (options.requiredScope && !scopes.includes(options.requiredScope)) throw unauthenticated("scope_missing");
      const aud = Array.isArray(payload.aud)
        ? (payload.aud.find((a) => audiences.includes(a)) ?? "")
        : (payload.aud ?? "");
      return {
        oid,
        tid,
        iss: issuer,
        aud,
        name: str(payload.name) ?? "",
        preferredUsername: str(payload.preferred_username) ?? str(payload.upn) ?? "",
        roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [],
        scopes,
        expiresAt: new Date((payload.exp ?? 0) * 1000),
        claims: payload,
      };
    },
  };
}
