import { createHash, randomBytes } from "node:crypto";
import {
  ClientSecretCredential,
  type MultiTenantTokenCredentialOptions,
  OnBehalfOfCredential,
  type OnBehalfOfCredentialSecretOptions,
} from "@azure/identity";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOT_APP_ID,
  BOT_PASSWORD,
  GRAPH_AUDIENCE,
  KOMU_API_SCOPE,
  KOMU_CLIENT_ID,
  KOMU_CLIENT_SECRET,
} from "../constants.js";
import { graphFetch, startTestTenant } from "../contract/fixture.js";
import { KNOWN_USERS } from "../seed/known.js";
import type { RunningTenant } from "../server.js";
import { issueUserToken, verifyTenantToken } from "./tokens.js";

let tenant: RunningTenant;
const teacher = KNOWN_USERS.aobaTeacher;

beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant?.stop();
});

const tokenUrl = (tenantPath = tenant.tenantId) => `${tenant.origin}/${tenantPath}/oauth2/v2.0/token`;
async function postToken(form: Record<string, string>, tenantPath?: string, headers: Record<string, string> = {}) {
  const res = await fetch(tokenUrl(tenantPath), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("OpenID metadata and keys", () => {
  it("serves Entra's discovery document shape", async () => {
    const doc = (await (
      await fetch(`${tenant.origin}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(`${tenant.origin}/${tenant.tenantId}/v2.0`);
    expect(doc.jwks_uri).toBe(`${tenant.origin}/${tenant.tenantId}/discovery/v2.0/keys`);
    expect(doc.token_endpoint).toBe(tokenUrl());
    expect(doc.authorization_endpoint).toBe(`${tenant.origin}/${tenant.tenantId}/oauth2/v2.0/authorize`);
    expect(doc.id_token_signing_alg_values_supported).toEqual(["RS256"]);
    const unknown = await fetch(`${tenant.origin}/no-such-tenant/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });

  it("keeps the previous key in the JWKS after rotation, and old tokens still verify", async () => {
    const before = await issueUserToken(tenant.ctx, teacher.id, { audience: GRAPH_AUDIENCE, scopes: ["User.Read"] });
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = (await (await fetch(`${tenant.origin}/_emulator/rotate-keys`, { method: "POST" })).json()) as {
      kid: string;
    };
    expect(rotated.kid).not.toBe(oldKid);
    const jwks = (await (await fetch(`${tenant.origin}/${tenant.tenantId}/discovery/v2.0/keys`)).json()) as {
      keys: { kid: string; kty: string; n: string; e: string }[];
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual([rotated.kid, oldKid]);
    expect(jwks.keys.every((k) => k.kty === "RSA" && k.n && k.e)).toBe(true);
    const after = await issueUserToken(tenant.ctx, teacher.id, { audience: GRAPH_AUDIENCE, scopes: ["User.Read"] });
    expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
    // a relying party with only the JWKS URL validates both
    const remote = createRemoteJWKSet(new URL(`${tenant.origin}/${tenant.tenantId}/discovery/v2.0/keys`));
    for (const t of [before, after]) {
      const { payload } = await jwtVerify(t, remote, { issuer: tenant.issuer, audience: GRAPH_AUDIENCE });
      expect(payload.oid).toBe(teacher.id);
    }
    expect((await graphFetch(tenant, before, "/v1.0/me")).status).toBe(200);
    // after a second rotation the oldest key is gone
    await fetch(`${tenant.origin}/_emulator/rotate-keys`, { method: "POST" });
    expect((await graphFetch(tenant, before, "/v1.0/me")).status).toBe(401);
    expect((await graphFetch(tenant, after, "/v1.0/me")).status).toBe(200);
  });
});

describe("token endpoint", () => {
  it("client credentials: a Graph token with application roles and Entra's claims", async () => {
    const { status, body } = await postToken({
      grant_type: "client_credentials",
      client_id: KOMU_CLIENT_ID,
      client_secret: KOMU_CLIENT_SECRET,
      scope: "https://graph.microsoft.com/.default",
    });
    expect(status).toBe(200);
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBeGreaterThan(3000);
    const claims = decodeJwt(body.access_token as string);
    const header = decodeProtectedHeader(body.access_token as string);
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(header.kid).toBeTruthy();
    expect(claims).toMatchObject({
      aud: GRAPH_AUDIENCE,
      iss: tenant.issuer,
      tid: tenant.tenantId,
      azp: KOMU_CLIENT_ID,
      ver: "2.0",
      idtyp: "app",
    });
    expect(claims.roles).toEqual(
      expect.arrayContaining([
        "User.Read.All",
        "Group.Read.All",
        "Sites.ReadWrite.All",
        "Files.ReadWrite.All",
        "Calendars.ReadWrite",
      ]),
    );
    expect(claims.scp).toBeUndefined();
    for (const k of ["iat", "nbf", "exp", "oid", "sub", "uti"]) expect(claims[k]).toBeDefined();
  });

  it("client secret via HTTP Basic works; a wrong secret is 401 invalid_client in Entra's shape", async () => {
    const basic = Buffer.from(`${KOMU_CLIENT_ID}:${KOMU_CLIENT_SECRET}`).toString("base64");
    expect(
      (
        await postToken(
          { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
          undefined,
          { authorization: `Basic ${basic}` },
        )
      ).status,
    ).toBe(200);
    const { status, body } = await postToken({
      grant_type: "client_credentials",
      client_id: KOMU_CLIENT_ID,
      client_secret: "nope",
      scope: "https://graph.microsoft.com/.default",
    });
    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
    expect(body.error_codes).toEqual([7000215]);
    expect(String(body.error_description)).toMatch(/^AADSTS7000215: /);
    for (const k of ["timestamp", "trace_id", "correlation_id"]) expect(typeof body[k]).toBe("string");
  });

  it("rejects unknown clients, missing /.default, unsupported grants and unknown tenants", async () => {
    expect(
      (
        await postToken({
          grant_type: "client_credentials",
          client_id: "00000000-0000-0000-0000-000000000001",
          client_secret: "x",
          scope: "https://graph.microsoft.com/.default",
        })
      ).body.error_codes,
    ).toEqual([700016]);
    const noDefault = await postToken({
      grant_type: "client_credentials",
      client_id: KOMU_CLIENT_ID,
      client_secret: KOMU_CLIENT_SECRET,
      scope: "https://graph.microsoft.com/User.Read.All",
    });
    expect(noDefault.status).toBe(400);
    expect(noDefault.body.error).toBe("invalid_scope");
    expect((await postToken({ grant_type: "device_code", client_id: KOMU_CLIENT_ID })).body.error).toBe(
      "unsupported_grant_type",
    );
    expect((await postToken({ grant_type: "client_credentials" }, "contoso.example")).body.error_codes).toEqual([
      90002,
    ]);
  });

  it("the bot gets a Bot Framework token from the botframework.com tenant", async () => {
    const { status, body } = await postToken(
      {
        grant_type: "client_credentials",
        client_id: BOT_APP_ID,
        client_secret: BOT_PASSWORD,
        scope: "https://api.botframework.com/.default",
      },
      "botframework.com",
    );
    expect(status).toBe(200);
    const claims = await verifyTenantToken(tenant.ctx, body.access_token as string, {
      audience: "https://api.botframework.com",
    });
    expect(claims.azp).toBe(BOT_APP_ID);
    expect(claims.iss).toBe(`${tenant.origin}/botframework.com/v2.0`);
    const meta = (await (
      await fetch(`${tenant.origin}/botframework.com/v2.0/.well-known/openid-configuration`)
    ).json()) as { issuer: string; token_endpoint: string };
    expect(meta.issuer).toBe(claims.iss);
    expect(meta.token_endpoint).toBe(tokenUrl("botframework.com"));
  });

  it("password grant: seeded user + dev password → delegated Graph token and id token; wrong password 400", async () => {
    const { status, body } = await postToken({
      grant_type: "password",
      client_id: KOMU_CLIENT_ID,
      username: teacher.upn,
      password: tenant.ctx.config.devPassword,
      scope: "openid profile offline_access User.Read",
    });
    expect(status).toBe(200);
    const claims = decodeJwt(body.access_token as string);
    expect(claims).toMatchObject({
      aud: GRAPH_AUDIENCE,
      oid: teacher.id,
      preferred_username: teacher.upn,
      name: teacher.displayName,
      scp: "User.Read",
      tid: tenant.tenantId,
    });
    expect(decodeJwt(body.id_token as string)).toMatchObject({ aud: KOMU_CLIENT_ID, oid: teacher.id });
    expect(typeof body.refresh_token).toBe("string");
    const refreshed = await postToken({
      grant_type: "refresh_token",
      client_id: KOMU_CLIENT_ID,
      refresh_token: body.refresh_token as string,
      scope: "User.Read offline_access",
    });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.access_token as string).oid).toBe(teacher.id);
    const reused = await postToken({
      grant_type: "refresh_token",
      client_id: KOMU_CLIENT_ID,
      refresh_token: body.refresh_token as string,
    });
    expect(reused.status).toBe(400);
    const wrong = await postToken({
      grant_type: "password",
      client_id: KOMU_CLIENT_ID,
      username: teacher.upn,
      password: "wrong",
      scope: "User.Read",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("invalid_grant");
    expect(wrong.body.error_codes).toEqual([50126]);
  });

  it("on-behalf-of: a Kōmu API token becomes a Graph token for the same user", async () => {
    const apiToken = await issueUserToken(tenant.ctx, teacher.id, {
      audience: KOMU_CLIENT_ID,
      scopes: [KOMU_API_SCOPE],
      clientId: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",
    });
    const { status, body } = await postToken({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      client_id: KOMU_CLIENT_ID,
      client_secret: KOMU_CLIENT_SECRET,
      assertion: apiToken,
      scope: "https://graph.microsoft.com/.default",
      requested_token_use: "on_behalf_of",
    });
    expect(status).toBe(200);
    const claims = decodeJwt(body.access_token as string);
    expect(claims).toMatchObject({ aud: GRAPH_AUDIENCE, oid: teacher.id, azp: KOMU_CLIENT_ID });
    expect(String(claims.scp).split(" ")).toEqual(expect.arrayContaining(["User.Read", "Sites.ReadWrite.All"]));
    const me = (await (await graphFetch(tenant, body.access_token as string, "/v1.0/me")).json()) as { id: string };
    expect(me.id).toBe(teacher.id);
    // a Graph token is not a valid assertion for Kōmu's audience
    const bad = await postToken({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      client_id: KOMU_CLIENT_ID,
      client_secret: KOMU_CLIENT_SECRET,
      assertion: body.access_token as string,
      scope: "https://graph.microsoft.com/.default",
      requested_token_use: "on_behalf_of",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_grant");
  });
});

describe("@azure/identity against the local tenant (HTTPS, MSAL)", () => {
  it("ClientSecretCredential gets an app token that Graph accepts", async () => {
    const credential = new ClientSecretCredential(tenant.tenantId, KOMU_CLIENT_ID, KOMU_CLIENT_SECRET, {
      authorityHost: tenant.origin,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken("https://graph.microsoft.com/.default");
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
    expect(decodeJwt(token.token).azp).toBe(KOMU_CLIENT_ID);
    const res = await graphFetch(tenant, token.token, "/v1.0/users?$top=1");
    expect(res.status).toBe(200);
  });

  it("OnBehalfOfCredential exchanges a user's Kōmu token for a Graph token", async () => {
    const assertion = await issueUserToken(tenant.ctx, KNOWN_USERS.aobaVicePrincipal.id, {
      audience: KOMU_CLIENT_ID,
      scopes: [KOMU_API_SCOPE],
    });
    // disableInstanceDiscovery is honoured at runtime but missing from OnBehalfOfCredential's option type
    // (@azure/identity 4.12): pass it through a variable. Without it MSAL calls login.microsoftonline.com.
    const options: OnBehalfOfCredentialSecretOptions &
      MultiTenantTokenCredentialOptions & { disableInstanceDiscovery: boolean } = {
      tenantId: tenant.tenantId,
      clientId: KOMU_CLIENT_ID,
      clientSecret: KOMU_CLIENT_SECRET,
      userAssertionToken: assertion,
      authorityHost: tenant.origin,
      disableInstanceDiscovery: true,
    };
    const credential = new OnBehalfOfCredential(options);
    const token = await credential.getToken("https://graph.microsoft.com/.default");
    expect(decodeJwt(token.token).oid).toBe(KNOWN_USERS.aobaVicePrincipal.id);
    const me = (await (await graphFetch(tenant, token.token, "/v1.0/me")).json()) as { userPrincipalName: string };
    expect(me.userPrincipalName).toBe(KNOWN_USERS.aobaVicePrincipal.upn);
  });
});

describe("sign-in page (authorization code + PKCE)", () => {
  it("shows users grouped by school, signs in with the dev password and redirects with code and state", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const redirect = "http://localhost:7071/auth/callback";
    const params = new URLSearchParams({
      client_id: KOMU_CLIENT_ID,
      response_type: "code",
      redirect_uri: redirect,
      scope: `openid profile offline_access api://localhost:7071/${KOMU_CLIENT_ID}/${KOMU_API_SCOPE}`,
      state: "st-1",
      nonce: "n-1",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    /** Posts the sign-in form for the teacher with `password` (the redirect is not followed). */
    const signIn = (password: string) =>
      fetch(`${tenant.httpOrigin}/${tenant.tenantId}/oauth2/v2.0/authorize`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...Object.fromEntries(params), username: teacher.upn, password }),
        redirect: "manual",
      });
    const page = await fetch(`${tenant.httpOrigin}/${tenant.tenantId}/oauth2/v2.0/authorize?${params}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="ja"');
    expect(html).toContain('<optgroup label="青葉小学校（教職員）">');
    expect(html).toContain(teacher.upn);

    const wrong = await signIn("nope");
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain("パスワードが正しくありません");

    const post = await signIn(tenant.ctx.config.devPassword);
    expect(post.status).toBe(302);
    const location = new URL(post.headers.get("location") as string);
    expect(`${location.origin}${location.pathname}`).toBe(redirect);
    expect(location.searchParams.get("state")).toBe("st-1");
    const code = location.searchParams.get("code") as string;

    const badVerifier = await postToken({
      grant_type: "authorization_code",
      client_id: KOMU_CLIENT_ID,
      code,
      redirect_uri: redirect,
      code_verifier: "x".repeat(43),
    });
    expect(badVerifier.body.error).toBe("invalid_grant");
    // the code is single-use even after a failed attempt; get a fresh one
    const again = await signIn(tenant.ctx.config.devPassword);
    const code2 = new URL(again.headers.get("location") as string).searchParams.get("code") as string;
    const res = await fetch(tokenUrl(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:7071" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: KOMU_CLIENT_ID,
        code: code2,
        redirect_uri: redirect,
        code_verifier: verifier,
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:7071");
    const tokens = (await res.json()) as { access_token: string; id_token: string };
    expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: KOMU_CLIENT_ID, scp: KOMU_API_SCOPE, oid: teacher.id });
    expect(decodeJwt(tokens.id_token)).toMatchObject({ nonce: "n-1", oid: teacher.id });
  });

  it("refuses unregistered redirect URIs", async () => {
    const params = new URLSearchParams({
      client_id: KOMU_CLIENT_ID,
      response_type: "code",
      redirect_uri: "https://evil.example/cb",
      scope: "openid",
    });
    const page = await fetch(`${tenant.httpOrigin}/${tenant.tenantId}/oauth2/v2.0/authorize?${params}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("AADSTS50011");
  });
});
