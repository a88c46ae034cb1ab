import { KomuError } from "@komu/shared";

/** Why a bearer token was refused; goes to `error_description` and the error body's details. */
export type TokenProblem =
  | "missing_token"
  | "malformed_token"
  | "algorithm_not_allowed"
  | "untrusted_issuer"
  | "unknown_signing_key"
  | "invalid_signature"
  | "token_expired"
  | "token_not_yet_valid"
  | "audience_not_accepted"
  | "wrong_tenant"
  | "missing_claim"
  | "scope_missing";

const DESCRIPTIONS: Record<TokenProblem, string> = {
  missing_token: "No bearer token was sent",
  malformed_token: "The token is not a well-formed JWT",
  algorithm_not_allowed: "Only RS256 signed tokens are accepted",
  untrusted_issuer: "The token issuer is not trusted",
  unknown_signing_key: "The token was signed with an unknown key",
  invalid_signature: "The token signature is invalid",
  token_expired: "The token is expired",
  token_not_yet_valid: "The token is not valid yet",
  audience_not_accepted: "The token audience is not accepted",
  wrong_tenant: "The token was issued for another tenant",
  missing_claim: "The token lacks a required claim",
  scope_missing: "The token lacks the required scope",
};

export function tokenProblemDescription(problem: TokenProblem): string {
  return DESCRIPTIONS[problem];
}

/** 401 UNAUTHENTICATED carrying the problem (the HTTP layer adds WWW-Authenticate). */
export function unauthenticated(problem: TokenProblem, cause?: unknown): KomuError {
  return new KomuError("UNAUTHENTICATED", {
    message: {
      ja:
        problem === "missing_token"
          ? "サインインが必要です。"
          : "サインインの有効期限が切れたか、無効です。もう一度サインインしてください。",
      en: `Sign-in is required. ${DESCRIPTIONS[problem]}.`,
    },
    details: { reason: problem },
    cause,
  });
}

export function tokenProblemOf(error: KomuError): TokenProblem | undefined {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === "string" && reason in DESCRIPTIONS ? (reason as TokenProblem) : undefined;
}
