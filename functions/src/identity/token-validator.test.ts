import { KomuError } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenProblemOf } from "./errors.js";
import { startTestIssuer, TEST_AUDIENCE, TEST_TENANT, type TestIssuer } from "./test-issuer.js";
import { createTokenValidator, type TokenValidator } from "./token-validator.js";

let issuer: TestIssuer;
let validator: TokenValidator;

beforeAll(async () => {
  issuer = await startTestIssuer();
  validator = createTokenValidator({
    issuers: [issuer.issuer],
    audiences: [TEST_AUDIENCE, `api://localhost:7071/${TEST_AUDIENCE}`],
    tenantId: TEST_TENANT,
    clockSkewSeconds: 60,
    requiredScope: "access_as_user",
  });
});
afterAll(() => issuer.stop());

async function problem(token: string | undefined): Promise<string | undefined> {
  try {
    await validator.validate(token);
  } catch (e) {
    expect(e).toBeInstanceOf(KomuError);
    expect((e as KomuError).code).toBe("UNAUTHENTICATED");
    expect((e as KomuError).status).toBe(401);
    return tokenProblemOf(e as KomuError);
  }
  return undefined;
}

describe("createTokenValidator", () => {
  it("accepts a good token and returns its claims", async () => {
    const verified = await validator.validate(await issuer.token({ oid: "oid-1", roles: ["Komu.Admin"] }));
    expect(verified).toMatchObject({
      oid: "oid-1",
      tid: TEST_TENANT,
      iss: issuer.issuer,
      aud: TEST_AUDIENCE,
      name: "青葉 花子",
      preferredUsername: "hanako@aoba-edu.example",
      roles: ["Komu.Admin"],
      scopes: ["access_as_user"],
    });
  });

  it("accepts the app id URI audience", async () => {
    const verified = await validator.validate(await issuer.token({ aud: `api://localhost:7071/${TEST_AUDIENCE}` }));
    expect(verified.aud).toBe(`api://localhost:7071/${TEST_AUDIENCE}`);
  });

  it.each([
    ["none", "missing_token"],
    ["unknownKey", "unknown_signing_key"],
    ["algNone", "algorithm_not_allowed"],
    ["hs256", "algorithm_not_allowed"],
    ["expired", "token_expired"],
    ["wrongAudience", "audience_not_accepted"],
    ["wrongTenant", "wrong_tenant"],
    ["wrongIssuer", "untrusted_issuer"],
  ] as const)("refuses %s with 401 (%s)", async (kind, expected) => {
    const tokens = await issuer.badTokens("oid-1");
    expect(await problem(tokens[kind])).toBe(expected);
  });

  it("refuses a token signed by another key under a published kid", async () => {
    expect(await problem(await issuer.token({}, { unknownKey: true, kid: "known-1" }))).toBe("invalid_signature");
  });

  it("refuses garbage and tampered payloads", async () => {
    expect(await problem("not.a.jwt")).toBe("malformed_token");
    const good = await issuer.token();
    const [h, , s] = good.split(".");
    const forged = Buffer.from(
      JSON.stringify({ iss: issuer.issuer, aud: TEST_AUDIENCE, tid: TEST_TENANT, oid: "admin", exp: 9999999999 }),
    ).toString("base64url");
    expect(await problem(`${h}.${forged}.${s}`)).toBe("invalid_signature");
  });

  it("allows at most 60 s of clock skew", async () => {
    expect(await problem(await issuer.token({}, { expiresInSeconds: -30 }))).toBeUndefined();
    expect(await problem(await issuer.token({}, { expiresInSeconds: -90 }))).toBe("token_expired");
    expect(await problem(await issuer.token({}, { notBeforeSeconds: 30 }))).toBeUndefined();
    expect(await problem(await issuer.token({}, { notBeforeSeconds: 120 }))).toBe("token_not_yet_valid");
    const strict = createTokenValidator({
      issuers: [issuer.issuer],
      audiences: [TEST_AUDIENCE],
      tenantId: TEST_TENANT,
      clockSkewSeconds: 600,
    });
    await expect(strict.validate(await issuer.token({}, { expiresInSeconds: -90 }))).rejects.toThrow(KomuError);
  });

  it("requires exp, oid and the API scope", async () => {
    expect(await problem(await issuer.token({ exp: undefined }))).toBe("missing_claim");
    expect(await problem(await issuer.token({ oid: undefined }))).toBe("missing_claim");
    expect(await problem(await issuer.token({ scp: "User.Read" }))).toBe("scope_missing");
  });

  it("never fetches keys for an untrusted issuer and caches discovery", async () => {
    issuer.hits.clear();
    const tokens = await issuer.badTokens("oid-2");
    await problem(tokens.wrongIssuer);
    expect([...issuer.hits.keys()]).toEqual([]);
    for (let i = 0; i < 5; i++) await validator.validate(await issuer.token());
    expect(issuer.hits.get(`/${TEST_TENANT}/v2.0/.well-known/openid-configuration`) ?? 0).toBe(0);
  });

  it("answers 503 when the issuer cannot be reached", async () => {
    const offline = createTokenValidator({
      issuers: [issuer.issuer],
      audiences: [TEST_AUDIENCE],
      tenantId: TEST_TENANT,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    await expect(offline.validate(await issuer.token())).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      status: 503,
    });
  });
});
