import { KomuError } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tokenProblemOf } from "./errors.js";
import { startTestIssuer, TEST_AUDIENCE, TEST_TENANT, type TestIssuer } from "./test-issuer.js";
import { createTokenValidator, type TokenValidator, type TokenValidatorOptions } from "./token-validator.js";

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

/** A validator for the test issuer and TEST_AUDIENCE; `options` add or replace members. */
function validatorFor(options: Partial<TokenValidatorOptions> = {}): TokenValidator {
  return createTokenValidator({
    issuers: [issuer.issuer],
    audiences: [TEST_AUDIENCE],
    tenantId: TEST_TENANT,
    ...options,
  });
}

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
    const strict = validatorFor({ clockSkewSeconds: 600 });
    await expect(strict.validate(await issuer.token({}, { expiresInSeconds: -90 }))).rejects.toThrow(KomuError);
  });

  it("requires exp, oid and the API scope", async () => {
    expect(await problem(await issuer.token({ exp: undefined }))).toBe("missing_claim");
    expect(await problem(await issuer.token({ oid: undefined }))).toBe("missing_claim");
    expect(await problem(await issuer.token({ scp: "User.Read" }))).toBe("scope_missing");
  });

  it("never fetches keys for an untrusted issuer and caches discovery", async () => {
    // Its own validator: the result must not depend on what earlier tests warmed.
    const fresh = validatorFor();
    issuer.hits.clear();
    const tokens = await issuer.badTokens("oid-2");
    await expect(fresh.validate(tokens.wrongIssuer)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect([...issuer.hits.keys()]).toEqual([]);
    await fresh.validate(await issuer.token());
    expect(issuer.hits.get(METADATA_PATH)).toBe(1);
    expect(issuer.hits.get(KEYS_PATH)).toBe(1);
    issuer.hits.clear();
    for (let i = 0; i < 5; i++) await fresh.validate(await issuer.token());
    expect([...issuer.hits.keys()]).toEqual([]);
  });

  it("answers 503 when the issuer cannot be reached", async () => {
    const offline = validatorFor({
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

const METADATA_PATH = `/${TEST_TENANT}/v2.0/.well-known/openid-configuration`;
const KEYS_PATH = `/${TEST_TENANT}/discovery/v2.0/keys`;

/** A fetch in front of the test issuer whose behaviour per request kind the test switches. */
function controllableFetch() {
  const state = {
    metadata: "ok" as "ok" | "fail500" | "network" | "hang",
    keys: "ok" as "ok" | "fail500" | "network" | "hang",
    calls: [] as { kind: "metadata" | "keys"; signal: AbortSignal | null | undefined }[],
  };
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const kind = url.pathname.endsWith("/openid-configuration") ? "metadata" : "keys";
    state.calls.push({ kind, signal: init?.signal });
    const mode = state[kind];
    if (mode === "network") throw new TypeError("fetch failed");
    if (mode === "fail500") return new Response("oops", { status: 500 });
    if (mode === "hang") {
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        signal?.addEventListener("abort", () => reject(signal.reason));
      });
    }
    return fetch(url, init);
  }) as typeof fetch;
  const count = (kind: "metadata" | "keys") => state.calls.filter((c) => c.kind === kind).length;
  return { state, fetch: fetchFn, count };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("createTokenValidator: key set resilience", () => {
  it("times out a metadata or key set fetch that hangs (503, with an abort signal)", async () => {
    for (const step of ["metadata", "keys"] as const) {
      const ctl = controllableFetch();
      ctl.state[step] = "hang";
      const v = validatorFor({ fetch: ctl.fetch, fetchTimeoutMs: 100 });
      const started = Date.now();
      const error = await v.validate(await issuer.token()).catch((e: unknown) => e);
      expect(error, step).toBeInstanceOf(KomuError);
      expect(error).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 503 });
      expect((error as KomuError).retryAfter).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(ctl.state.calls.every((c) => c.signal instanceof AbortSignal)).toBe(true);
    }
  }, 10_000);

  it("the default fetch timeout is 5 s", async () => {
    const ctl = controllableFetch();
    const v = validatorFor({ fetch: ctl.fetch });
    const timeout = vi.spyOn(AbortSignal, "timeout");
    try {
      await v.validate(await issuer.token());
      expect(timeout).toHaveBeenCalledWith(5000);
      expect(timeout).toHaveBeenCalledTimes(2);
    } finally {
      timeout.mockRestore();
    }
  });

  it.each(["fail500", "network"] as const)(
    "a key set fetch failure (%s) is 503 UPSTREAM_UNAVAILABLE with Retry-After, not a bad signature",
    async (mode) => {
      const ctl = controllableFetch();
      ctl.state.keys = mode;
      const v = validatorFor({ fetch: ctl.fetch });
      const error = await v.validate(await issuer.token()).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 503 });
      expect((error as KomuError).retryAfter).toBeGreaterThan(0);
      expect(JSON.stringify((error as KomuError).details)).not.toContain("invalid_signature");
    },
  );

  it("after the refresh period keeps serving the old keys while refreshing in the background; on failure retries later", async () => {
    let now = 1_000_000;
    const ctl = controllableFetch();
    const v = validatorFor({ fetch: ctl.fetch, metadataMaxAgeMs: 60_000, refreshRetryMs: 10_000, now: () => now });
    await v.validate(await issuer.token());
    expect([ctl.count("metadata"), ctl.count("keys")]).toEqual([1, 1]);

    // Past the refresh period, the issuer is down: requests still pass with the old keys.
    now += 61_000;
    ctl.state.metadata = "fail500";
    ctl.state.keys = "network";
    await expect(v.validate(await issuer.token())).resolves.toMatchObject({ tid: TEST_TENANT });
    await settle();
    expect(ctl.count("metadata")).toBe(2);
    // No new attempt before the retry delay…
    now += 5_000;
    await v.validate(await issuer.token());
    await settle();
    expect(ctl.count("metadata")).toBe(2);
    // …then one; still failing, still serving.
    now += 6_000;
    await v.validate(await issuer.token());
    await settle();
    expect(ctl.count("metadata")).toBe(3);

    // The issuer is back: the next attempt replaces the key set, and then it is fresh again.
    ctl.state.metadata = "ok";
    ctl.state.keys = "ok";
    now += 11_000;
    await v.validate(await issuer.token());
    await settle();
    expect([ctl.count("metadata"), ctl.count("keys")]).toEqual([4, 2]);
    now += 30_000;
    await v.validate(await issuer.token());
    await settle();
    expect([ctl.count("metadata"), ctl.count("keys")]).toEqual([4, 2]);
  });

  it("concurrent first requests share one load; after a failed load, retries wait a few seconds", async () => {
    let now = 0;
    const ctl = controllableFetch();
    const v = validatorFor({ fetch: ctl.fetch, now: () => now });
    ctl.state.metadata = "network";
    const token = await issuer.token();
    const results = await Promise.allSettled([1, 2, 3].map(() => v.validate(token)));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(ctl.count("metadata")).toBe(1);
    ctl.state.metadata = "ok";
    now += 1_000;
    await expect(v.validate(token)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    expect(ctl.count("metadata")).toBe(1);
    now += 5_000;
    await expect(v.validate(token)).resolves.toBeTruthy();
    expect([ctl.count("metadata"), ctl.count("keys")]).toEqual([2, 1]);
  });

  it("a slow refresh does not hold requests up", async () => {
    let now = 0;
    const ctl = controllableFetch();
    const v = validatorFor({ fetch: ctl.fetch, metadataMaxAgeMs: 1_000, fetchTimeoutMs: 3_000, now: () => now });
    await v.validate(await issuer.token());
    now += 2_000;
    ctl.state.metadata = "hang";
    const started = Date.now();
    await v.validate(await issuer.token());
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("an unknown kid refreshes the key set once per cooldown; if that fails it is 503", async () => {
    let now = 0;
    const ctl = controllableFetch();
    const v = validatorFor({ fetch: ctl.fetch, now: () => now });
    await v.validate(await issuer.token());
    const stranger = await issuer.token({}, { unknownKey: true });
    now += 60_000;
    expect(await v.validate(stranger).catch((e: KomuError) => tokenProblemOf(e))).toBe("unknown_signing_key");
    expect(ctl.count("keys")).toBe(2);
    expect(await v.validate(stranger).catch((e: KomuError) => tokenProblemOf(e))).toBe("unknown_signing_key");
    expect(ctl.count("keys")).toBe(2);
    now += 60_000;
    ctl.state.keys = "fail500";
    await expect(v.validate(stranger)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 503 });
    // Tokens under the known key still pass meanwhile.
    await expect(v.validate(await issuer.token())).resolves.toBeTruthy();
  });
});
