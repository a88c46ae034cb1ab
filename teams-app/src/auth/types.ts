/** How the tab gets a bearer token for Kōmu's API, whatever the host (Teams SSO, MSAL, local tenant). */
export interface AuthProvider {
  readonly kind: "teams" | "msal" | "local";
  /** A valid access token; throws AuthRequiredError when the user must sign in (again). */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Start an interactive sign-in (a full-page redirect outside Teams); `returnTo` is a path. */
  signIn(returnTo: string): Promise<void>;
  /** Forget the session (outside Teams). */
  signOut(): Promise<void>;
}

export class AuthRequiredError extends Error {
  constructor(message = "sign-in required", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AuthRequiredError";
  }
}

/** Only same-origin relative paths may be used as a post-sign-in destination. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
