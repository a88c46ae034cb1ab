import { describe, expect, it } from "vitest";
import type { ClientConfig } from "../config/client-config.js";
import { createLocalTenantAuth, SignInError } from "./local-auth.js";
import { codeChallengeS256 } from "./pkce.js";
import { AuthRequiredError } from "./types.js";

const config: ClientConfig = {
  clientId: "8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b",
  tenantId: "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31",
  authority: "https://localhost:7072",
  authorityHttp: "http://localhost:7072",
  apiScope: "api://localhost:7071/8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b/access_as_user",
  env: "local",
};

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function setup(tokenAnswer: (body: URLSearchParams) => { status: number; json: unknown }) {
  const storage = memoryStorage();
  const navigations: string[] = [];
  const requests: { url: string; body: URLSearchParams }[] = [];
  let clock = 1_000_000;
  const auth = createLocalTenantAuth({
    config,
    storage,
    navigate: (url) => navigations.push(url),
    origin: "http://localhost:7071",
    now: () => clock,
    fetch: async (input, init) => {
      const body = new URLSearchParams(String(init?.body));
      requests.push({ url: String(input), body });
      const answer = tokenAnswer(body);
      return new Response(JSON.stringify(answer.json), {
        status: answer.status,
        headers: { "Content-Type": "application/json" },
      });
    },
  });
  return { auth, storage, navigations, requests, advance: (ms: number) => (clock += ms) };
}

describe("local tenant sign-in (authorization code + PKCE)", () => {
  it("redirects to the tenant's authorize endpoint over http, then exchanges the code with the verifier", async () => {
    const t = setup(() => ({ status: 200, json: { access_token: "AT1", expires_in: 3600, refresh_token: "RT1" } }));
    await t.auth.signIn("/approvals");
    expect(t.navigations).toHaveLength(1);
    const url = new URL(t.navigations[0] as string);
    expect(`${url.origin}${url.pathname}`).toBe(`http://localhost:7072/${config.tenantId}/oauth2/v2.0/authorize`);
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:7071/auth/callback");
    expect(url.searchParams.get("scope")).toContain(config.apiScope);
    const state = url.searchParams.get("state") as string;

    const returnTo = await t.auth.completeSignIn(`?code=CODE1&state=${state}`);
    expect(returnTo).toBe("/approvals");
    expect(t.requests).toHaveLength(1);
    const { url: tokenUrl, body } = t.requests[0] as { url: string; body: URLSearchParams };
    expect(tokenUrl).toBe(`http://localhost:7072/${config.tenantId}/oauth2/v2.0/token`);
    expect(body.get("grant_type")).toBe("authorization_code");
    expect(body.get("code")).toBe("CODE1");
    // the verifier sent matches the challenge that was in the authorize URL
    expect(await codeChallengeS256(body.get("code_verifier") as string)).toBe(url.searchParams.get("code_challenge"));
    expect(await t.auth.getToken()).toBe("AT1");
  });

  it("rejects a callback whose state it did not issue (and one with an error)", async () => {
    const t = setup(() => ({ status: 200, json: { access_token: "AT", expires_in: 60 } }));
    await t.auth.signIn("/");
    await expect(t.auth.completeSignIn("?code=C&state=forged")).rejects.toBeInstanceOf(SignInError);
    expect(t.requests).toHaveLength(0);
    await expect(t.auth.completeSignIn("?error=access_denied&error_description=cancelled")).rejects.toThrow(
      "cancelled",
    );
  });

  it("renews with the refresh token near expiry, and asks for sign-in when it cannot", async () => {
    let n = 0;
    const t = setup((body) =>
      body.get("grant_type") === "refresh_token" && n++ === 0
        ? { status: 200, json: { access_token: "AT2", expires_in: 3600, refresh_token: "RT2" } }
        : body.get("grant_type") === "refresh_token"
          ? { status: 400, json: { error: "invalid_grant" } }
          : { status: 200, json: { access_token: "AT1", expires_in: 3600, refresh_token: "RT1" } },
    );
    await expect(t.auth.getToken()).rejects.toBeInstanceOf(AuthRequiredError);
    await t.auth.signIn("/");
    const state = new URL(t.navigations[0] as string).searchParams.get("state");
    await t.auth.completeSignIn(`?code=C&state=${state}`);
    t.advance(3_560_000); // within the renewal margin
    expect(await t.auth.getToken()).toBe("AT2");
    expect(t.requests.at(-1)?.body.get("refresh_token")).toBe("RT1");
    await expect(t.auth.getToken({ forceRefresh: true })).rejects.toBeInstanceOf(AuthRequiredError);
    expect(t.storage.map.has("komu.local.token")).toBe(false);
  });

  it("reports the token endpoint's error description", async () => {
    const t = setup(() => ({ status: 400, json: { error: "invalid_grant", error_description: "code expired" } }));
    await t.auth.signIn("/");
    const state = new URL(t.navigations[0] as string).searchParams.get("state");
    await expect(t.auth.completeSignIn(`?code=C&state=${state}`)).rejects.toThrow("code expired");
  });
});
