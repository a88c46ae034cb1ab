/**
 * Bearer token validation for Kōmu's API (zero trust: every non-public route).
 * RS256 only; signature against the trusted issuer's JWKS (discovered from its OpenID metadata);
 * `iss` in the trusted list (checked BEFORE any key fetch, so an attacker cannot make us fetch
 * arbitrary URLs); `aud` in the accepted audiences; `exp` (required) and `nbf` with at most
 * 60 s clock skew; `tid` equal to the configured tenant; `oid` present.
 *
 * Keys (issuer-keys.ts): fetched with a timeout; once loaded, a key set is never dropped. After
 * the refresh period the old set keeps serving while a new one is fetched in the background (a
 * failed refresh is retried later); an unknown `kid` triggers one refresh per cooldown (key
 * rollover). When keys cannot be fetched the answer is 503 UPSTREAM_UNAVAILABLE with
 * Retry-After, never a 401: the caller's token may be fine.
 */
import { KomuError } from "@komu/shared";
import { decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import { type TokenProblem, unauthenticated } from "./errors.js";
import { createIssuerKeys } from "./issuer-keys.js";

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
  /** How long metadata and keys are used before a background refresh. Default 24 h. */
  metadataMaxAgeMs?: number;
  /** After a failed background refresh, wait this long before the next attempt. Default 60 s. */
  refreshRetryMs?: number;
  /** Timeout of each metadata/JWKS fetch. Default 5 s. */
  fetchTimeoutMs?: number;
  /** Monotonic-ish time for the key cache (tests). Default Date.now. */
  now?: () => number;
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
  const keys = createIssuerKeys({
    fetch: options.fetch,
    refreshAfterMs: options.metadataMaxAgeMs,
    refreshRetryMs: options.refreshRetryMs,
    fetchTimeoutMs: options.fetchTimeoutMs,
    now: options.now,
  });

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

      const getKey = await keys.forIssuer(issuer);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          algorithms: ["RS256"],
          issuer,
          audience: audiences,
          clockTolerance: skew,
          currentDate: clock(),
          requiredClaims: ["exp", "tid", "oid"],
        }));
      } catch (error) {
        // Keys that could not be fetched (or a broken issuer configuration) are not the caller's fault.
        if (error instanceof KomuError) throw error;
        const problem = problemOf(error);
        if (problem) throw unauthenticated(problem, error);
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
