/**
 * Test support: a tiny OpenID issuer on node:http (metadata + JWKS) with an RS256 key, and a
 * token factory that can produce every kind of bad token the API must refuse. Not used in
 * production code.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export const TEST_TENANT = "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31";
export const TEST_AUDIENCE = "8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b";

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface TestIssuer {
  issuer: string;
  origin: string;
  /** Requests served, by path (to assert caching and that untrusted issuers are never fetched). */
  hits: Map<string, number>;
  token(claims?: Record<string, unknown>, options?: TokenOptions): Promise<string>;
  badTokens(oid: string): Promise<Record<BadToken, string | undefined>>;
  stop(): Promise<void>;
}

export interface TokenOptions {
  /** Sign with a key the JWKS does not publish. */
  unknownKey?: boolean;
  expiresInSeconds?: number;
  notBeforeSeconds?: number;
  kid?: string;
}

export type BadToken =
  | "none"
  | "unknownKey"
  | "algNone"
  | "expired"
  | "wrongAudience"
  | "wrongTenant"
  | "wrongIssuer"
  | "hs256";

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

export async function startTestIssuer(): Promise<TestIssuer> {
  const known: KeyPair = await generateKeyPair("RS256", { extractable: true });
  const stranger: KeyPair = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(known.publicKey)), kid: "known-1", alg: "RS256", use: "sig" };
  const hits = new Map<string, number>();
  let issuer = "";
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.setHeader("content-type", "application/json");
    if (path === `/${TEST_TENANT}/v2.0/.well-known/openid-configuration`) {
      res.end(JSON.stringify({ issuer, jwks_uri: `${new URL(issuer).origin}/${TEST_TENANT}/discovery/v2.0/keys` }));
    } else if (path === `/${TEST_TENANT}/discovery/v2.0/keys`) {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = `${origin}/${TEST_TENANT}/v2.0`;

  async function token(claims: Record<string, unknown> = {}, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: issuer,
      aud: TEST_AUDIENCE,
      tid: TEST_TENANT,
      oid: "00000000-0000-0000-0000-000000000001",
      name: "青葉 花子",
      preferred_username: "hanako@aoba-edu.example",
      scp: "access_as_user",
      ver: "2.0",
      iat: now,
      nbf: now + (options.notBeforeSeconds ?? 0),
      exp: now + (options.expiresInSeconds ?? 3600),
      ...claims,
    };
    return new SignJWT(payload)
      .setProtectedHeader({
        alg: "RS256",
        typ: "JWT",
        kid: options.kid ?? (options.unknownKey ? "stranger-1" : "known-1"),
      })
      .sign(options.unknownKey ? stranger.privateKey : known.privateKey);
  }

  return {
    issuer,
    origin,
    hits,
    token,
    async badTokens(oid) {
      const now = Math.floor(Date.now() / 1000);
      const good = { oid };
      const unsignedPayload = { iss: issuer, aud: TEST_AUDIENCE, tid: TEST_TENANT, oid, iat: now, exp: now + 3600 };
      const hs256 = await new SignJWT(unsignedPayload)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .sign(new TextEncoder().encode("a-shared-secret-that-is-at-least-32-bytes-long"));
      return {
        none: undefined,
        unknownKey: await token(good, { unknownKey: true }),
        algNone: `${b64({ alg: "none", typ: "JWT" })}.${b64(unsignedPayload)}.`,
        expired: await token({ ...good, iat: now - 7200, nbf: now - 7200, exp: now - 600 }),
        wrongAudience: await token({ ...good, aud: "api://someone-else" }),
        wrongTenant: await token({ ...good, tid: "11111111-2222-3333-4444-555555555555" }),
        wrongIssuer: await token({
          ...good,
          iss: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
        }),
        hs256,
      };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
