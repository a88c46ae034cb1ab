/**
 * OAuth 2.0 authorization code + PKCE (RFC 7636) helpers for the local tenant's sign-in.
 * Pure apart from the injected random source and WebCrypto digest.
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandom: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/** A 43-character verifier (32 random bytes, base64url) — within RFC 7636's 43..128. */
export function createCodeVerifier(random: RandomBytes = cryptoRandom): string {
  return base64UrlEncode(random(32));
}

/** S256 challenge: BASE64URL(SHA-256(ASCII(verifier))). */
export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

export function createState(random: RandomBytes = cryptoRandom): string {
  return base64UrlEncode(random(16));
}

export interface AuthorizeParams {
  authorizeEndpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  nonce: string;
  codeChallenge: string;
  loginHint?: string;
}

export function buildAuthorizeUrl(p: AuthorizeParams): string {
  const url = new URL(p.authorizeEndpoint);
  url.searchParams.set("client_id", p.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("response_mode", "query");
  url.searchParams.set("redirect_uri", p.redirectUri);
  url.searchParams.set("scope", p.scopes.join(" "));
  url.searchParams.set("state", p.state);
  url.searchParams.set("nonce", p.nonce);
  url.searchParams.set("code_challenge", p.codeChallenge);
  url.searchParams.set("code_challenge_method", "S256");
  if (p.loginHint) url.searchParams.set("login_hint", p.loginHint);
  return url.toString();
}

export type CallbackResult =
  | { kind: "code"; code: string; state: string }
  | { kind: "error"; error: string; description: string; state: string | null };

/** Read `?code=&state=` or `?error=&error_description=` from the redirect. */
export function parseCallback(search: string): CallbackResult {
  const params = new URLSearchParams(search.startsWith("?") || search.startsWith("#") ? search.slice(1) : search);
  const error = params.get("error");
  if (error)
    return { kind: "error", error, description: params.get("error_description") ?? "", state: params.get("state") };
  const code = params.get("code");
  const state = params.get("state");
  if (!code || !state) return { kind: "error", error: "invalid_response", description: "code or state missing", state };
  return { kind: "code", code, state };
}

export function tokenRequestBody(p: {
  clientId: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
  scopes: string[];
}): URLSearchParams {
  return new URLSearchParams({
    grant_type: "authorization_code",
    client_id: p.clientId,
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.codeVerifier,
    scope: p.scopes.join(" "),
  });
}
