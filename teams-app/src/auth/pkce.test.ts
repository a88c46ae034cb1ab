import { describe, expect, it } from "vitest";
import {
  base64UrlEncode,
  buildAuthorizeUrl,
  codeChallengeS256,
  createCodeVerifier,
  parseCallback,
  tokenRequestBody,
} from "./pkce.js";
import { safeReturnPath } from "./types.js";

describe("PKCE", () => {
  it("computes the RFC 7636 appendix B challenge", async () => {
    expect(await codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("makes 43-character base64url verifiers from 32 random bytes", () => {
    const verifier = createCodeVerifier((n) => new Uint8Array(n).fill(0xff));
    expect(verifier).toHaveLength(43);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(createCodeVerifier()).not.toBe(createCodeVerifier());
  });

  it("base64url-encodes without padding or +/", () => {
    expect(base64UrlEncode(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe("-_-_");
    expect(base64UrlEncode(Uint8Array.from([1]))).toBe("AQ");
  });

  it("builds the authorize URL with S256 and every parameter", () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeEndpoint: "http://localhost:7072/t1/oauth2/v2.0/authorize",
        clientId: "c1",
        redirectUri: "http://localhost:7071/auth/callback",
        scopes: ["api://localhost:7071/c1/access_as_user", "openid"],
        state: "s1",
        nonce: "n1",
        codeChallenge: "ch",
      }),
    );
    expect(url.origin + url.pathname).toBe("http://localhost:7072/t1/oauth2/v2.0/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "c1",
      response_type: "code",
      response_mode: "query",
      redirect_uri: "http://localhost:7071/auth/callback",
      scope: "api://localhost:7071/c1/access_as_user openid",
      state: "s1",
      nonce: "n1",
      code_challenge: "ch",
      code_challenge_method: "S256",
    });
  });

  it("parses callbacks: code, error, and incomplete", () => {
    expect(parseCallback("?code=abc&state=xyz")).toEqual({ kind: "code", code: "abc", state: "xyz" });
    expect(parseCallback("?error=access_denied&error_description=no&state=s")).toEqual({
      kind: "error",
      error: "access_denied",
      description: "no",
      state: "s",
    });
    expect(parseCallback("?code=abc").kind).toBe("error");
  });

  it("builds the code exchange body", () => {
    const body = tokenRequestBody({
      clientId: "c",
      code: "k",
      redirectUri: "r",
      codeVerifier: "v",
      scopes: ["a", "b"],
    });
    expect(body.toString()).toBe(
      "grant_type=authorization_code&client_id=c&code=k&redirect_uri=r&code_verifier=v&scope=a+b",
    );
  });

  it("only accepts same-origin paths to return to", () => {
    expect(safeReturnPath("/approvals?x=1")).toBe("/approvals?x=1");
    expect(safeReturnPath("//evil.example/")).toBe("/");
    expect(safeReturnPath("/\\evil.example")).toBe("/");
    expect(safeReturnPath("https://evil.example/")).toBe("/");
    expect(safeReturnPath(null)).toBe("/");
  });
});
