/**
 * Production sign-in outside Teams: MSAL.js (authorization code + PKCE against Entra ID),
 * redirect flow, tokens for Kōmu's API scope acquired silently.
 */
import {
  type AccountInfo,
  createStandardPublicClientApplication,
  InteractionRequiredAuthError,
} from "@azure/msal-browser";
import { authorityBase, type ClientConfig } from "../config/client-config.js";
import { CALLBACK_PATH } from "./local-auth.js";
import { type AuthProvider, AuthRequiredError, safeReturnPath } from "./types.js";

export interface MsalAuthProvider extends AuthProvider {
  /** Process a redirect response if there is one; returns the path to go back to, if any. */
  completeRedirect(): Promise<string | undefined>;
}

export async function createMsalAuth(config: ClientConfig, origin: string): Promise<MsalAuthProvider> {
  const pca = await createStandardPublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `${authorityBase(config.authority, config.tenantId)}/${config.tenantId}`,
      redirectUri: `${origin}${CALLBACK_PATH}`,
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  const scopes = [config.apiScope];
  const account = (): AccountInfo | null => pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;

  return {
    kind: "msal",
    async completeRedirect() {
      const result = await pca.handleRedirectPromise();
      if (!result) return undefined;
      pca.setActiveAccount(result.account);
      return safeReturnPath(result.state);
    },
    async getToken(options) {
      const current = account();
      if (!current) throw new AuthRequiredError();
      try {
        const result = await pca.acquireTokenSilent({
          scopes,
          account: current,
          forceRefresh: options?.forceRefresh ?? false,
        });
        return result.accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError) throw new AuthRequiredError(e.message, { cause: e });
        throw e;
      }
    },
    async signIn(returnTo) {
      await pca.loginRedirect({ scopes, state: safeReturnPath(returnTo) });
    },
    async signOut() {
      const current = account();
      await pca.logoutRedirect(current ? { account: current } : undefined);
    },
  };
}
