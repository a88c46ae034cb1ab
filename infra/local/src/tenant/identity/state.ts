/** Short-lived identity state: authorization codes and refresh tokens (in memory). */
import { randomBytes } from "node:crypto";

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  userId: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  nonce?: string;
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  userId: string;
  scope: string;
}

export interface IdentityState {
  codes: Map<string, AuthorizationCode>;
  refreshTokens: Map<string, RefreshGrant>;
}

export function createIdentityState(): IdentityState {
  return { codes: new Map(), refreshTokens: new Map() };
}

export const opaque = (bytes = 48) => randomBytes(bytes).toString("base64url");
