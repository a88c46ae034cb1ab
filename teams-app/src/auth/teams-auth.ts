import { authentication } from "@microsoft/teams-js";
import { type AuthProvider, AuthRequiredError } from "./types.js";

/** Teams SSO: Teams hands out a token for the app's webApplicationInfo resource. */
export function createTeamsAuth(): AuthProvider {
  return {
    kind: "teams",
    async getToken() {
      try {
        // teams-js caches the token and renews it when it is about to expire.
        return await authentication.getAuthToken();
      } catch (e) {
        throw new AuthRequiredError(`Teams SSO failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    },
    async signIn() {
      // Inside Teams there is no sign-in page: asking again is all we can do.
      await authentication.getAuthToken();
    },
    async signOut() {},
  };
}
