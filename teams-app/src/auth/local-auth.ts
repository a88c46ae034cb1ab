/**
 * Sign-in against the local Microsoft 365 tenant (infra/local): OAuth 2.0 authorization code with
 * PKCE. The authorize page shows a user picker; the code is exchanged at the tenant's token
 * endpoint (CORS allowed for Kōmu's origin). Tokens live in sessionStorage for this tab only.
 */
import { browserAuthority, type ClientConfig } from "../config/client-config.js";
import {
  buildAuthorizeUrl,
  codeChallengeS256,
  createCodeVerifier,
  createState,
  cryptoRandom,
  parseCallback,
  type RandomBytes,
  tokenRequestBody,
} from "./pkce.js";
import { type AuthProvider, AuthRequiredError, safeReturnPath } from "./types.js";

const PENDING_KEY = "komu.local.pending";
const TOKEN_KEY = "komu.local.token";
/** Renew a little before expiry so a request never leaves with a token about to die. */
const EXPIRY_MARGIN_MS = 60_000;

export const CALLBACK_PATH = "/auth/callback";

interface Pending {
  verifier: string;
  state: string;
  returnTo: string;
}

interface StoredToken {
  accessToken: string;
  expiresAt: number;
  refreshToken?: string;
}

export interface LocalAuthDeps {
  config: ClientConfig;
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** Full-page navigation (window.location.assign). */
  navigate: (url: string) => void;
  origin: string;
  fetch?: typeof fetch;
  random?: RandomBytes;
  now?: () => number;
}

export class SignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignInError";
  }
}

export interface LocalAuthProvider extends AuthProvider {
  /** Finish the redirect: check state, exchange the code. Returns the path to go back to. */
  completeSignIn(search: string): Promise<string>;
}

export function createLocalTenantAuth(deps: LocalAuthDeps): LocalAuthProvider {
  const { config, storage } = deps;
  const fetchImpl = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = deps.now ?? Date.now;
  const random = deps.random ?? cryptoRandom;
  const base = `${browserAuthority(config)}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0`;
  const redirectUri = `${deps.origin}${CALLBACK_PATH}`;
  const scopes = [config.apiScope, "openid", "profile", "offline_access"];

  const readJson = <T>(key: string): T | undefined => {
    try {
      const raw = storage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : undefined;
    } catch {
      return undefined;
    }
  };

  async function tokenRequest(body: URLSearchParams): Promise<StoredToken> {
    let res: Response;
    try {
      res = await fetchImpl(`${base}/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body,
      });
    } catch (e) {
      throw new SignInError(`token endpoint unreachable: ${e instanceof Error ? e.message : String(e)}`);
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof json.access_token !== "string") {
      const reason =
        typeof json.error_description === "string" ? json.error_description : String(json.error ?? res.status);
      throw new SignInError(reason);
    }
    const expiresIn = typeof json.expires_in === "number" ? json.expires_in : Number(json.expires_in ?? 3600);
    const token: StoredToken = { accessToken: json.access_token, expiresAt: now() + expiresIn * 1000 };
    if (typeof json.refresh_token === "string") token.refreshToken = json.refresh_token;
    storage.setItem(TOKEN_KEY, JSON.stringify(token));
    return token;
  }

  return {
    kind: "local",

    async getToken(options) {
      const stored = readJson<StoredToken>(TOKEN_KEY);
      if (stored && !options?.forceRefresh && stored.expiresAt - EXPIRY_MARGIN_MS > now()) return stored.accessToken;
      if (stored?.refreshToken) {
        try {
          const body = new URLSearchParams({
            grant_type: "refresh_token",
            client_id: config.clientId,
            refresh_token: stored.refreshToken,
            scope: scopes.join(" "),
          });
          return (await tokenRequest(body)).accessToken;
        } catch {
          // fall through: the refresh token is gone or expired
        }
      }
      storage.removeItem(TOKEN_KEY);
      throw new AuthRequiredError();
    },

    async signIn(returnTo) {
      const verifier = createCodeVerifier(random);
      const pending: Pending = { verifier, state: createState(random), returnTo: safeReturnPath(returnTo) };
      storage.setItem(PENDING_KEY, JSON.stringify(pending));
      deps.navigate(
        buildAuthorizeUrl({
          authorizeEndpoint: `${base}/authorize`,
          clientId: config.clientId,
          redirectUri,
          scopes,
          state: pending.state,
          nonce: createState(random),
          codeChallenge: await codeChallengeS256(verifier),
        }),
      );
    },

    async completeSignIn(search) {
      const pending = readJson<Pending>(PENDING_KEY);
      storage.removeItem(PENDING_KEY);
      const result = parseCallback(search);
      if (result.kind === "error") throw new SignInError(result.description || result.error);
      if (!pending || pending.state !== result.state)
        throw new SignInError("state mismatch (the sign-in was not started here)");
      await tokenRequest(
        tokenRequestBody({
          clientId: config.clientId,
          code: result.code,
          redirectUri,
          codeVerifier: pending.verifier,
          scopes,
        }),
      );
      return safeReturnPath(pending.returnTo);
    },

    async signOut() {
      storage.removeItem(TOKEN_KEY);
      storage.removeItem(PENDING_KEY);
    },
  };
}
