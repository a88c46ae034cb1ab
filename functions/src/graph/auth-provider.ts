import type { AccessToken, TokenCredential } from "@azure/identity";
import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";

/** Graph SDK AuthenticationProvider over an @azure/identity credential (tokens cached until near expiry). */
export class CredentialAuthProvider implements AuthenticationProvider {
  private cached: AccessToken | undefined;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scopes: string[],
  ) {}

  async getAccessToken(): Promise<string> {
    if (this.cached && this.cached.expiresOnTimestamp - Date.now() > 120_000) return this.cached.token;
    const token = await this.credential.getToken(this.scopes);
    if (!token) throw new Error("The credential returned no access token");
    this.cached = token;
    return token.token;
  }
}
