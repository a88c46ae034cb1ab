import { isKomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { expiryOf, type LinkClaims, signLinkToken, verifyLinkToken } from "./link-token.js";

const KEY = "unit-test-link-key-0123456789abcdef";
const claims: LinkClaims = { s: "aoba-e", i: "s1a2b3c4d5e6f7g8", k: "g-100001-2024001", v: 0, e: 1_900_000_000 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isKomuError(e) ? e.code : `not a KomuError: ${String(e)}`;
  }
  return undefined;
}

/** Replaces one character of `s` at `at` with a different base64url character. */
const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);

describe("guardian link tokens", () => {
  it("round-trips its claims and stays short enough for a QR code", () => {
    const token = signLinkToken(KEY, claims);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyLinkToken(KEY, token)).toEqual(claims);
    expect(token.length).toBeLessThan(200);
    // No name or other readable personal data besides the ids.
    expect(Buffer.from(token.split(".")[1] as string, "base64url").toString()).toBe(
      '{"s":"aoba-e","i":"s1a2b3c4d5e6f7g8","k":"g-100001-2024001","v":0,"e":1900000000}',
    );
  });

  it("refuses a changed payload (another child's key) with the old MAC", () => {
    const token = signLinkToken(KEY, claims);
    const [, , sig] = token.split(".");
    const other = Buffer.from(JSON.stringify({ ...claims, k: "g-100002-2024002" })).toString("base64url");
    expect(codeOf(() => verifyLinkToken(KEY, `v1.${other}.${sig}`))).toBe("SURVEY_LINK_INVALID");
  });

  it("refuses a changed MAC, a token signed with another key, and malformed tokens", () => {
    const token = signLinkToken(KEY, claims);
    expect(codeOf(() => verifyLinkToken(KEY, flip(token, token.length - 5)))).toBe("SURVEY_LINK_INVALID");
    expect(codeOf(() => verifyLinkToken(KEY, signLinkToken(`${KEY}x`, claims)))).toBe("SURVEY_LINK_INVALID");
    for (const bad of ["", "v1", "v1..", "v2.abc.def", `${token}.x`, token.replace("v1.", "v0."), "x".repeat(600)])
      expect(
        codeOf(() => verifyLinkToken(KEY, bad)),
        bad.slice(0, 20),
      ).toBe("SURVEY_LINK_INVALID");
  });

  it("refuses a validly signed payload that is not the claims shape", () => {
    // Signed with the right key, but not the expected JSON (e.g. a future format).
    const payload = Buffer.from(JSON.stringify({ s: "aoba-e", x: 1 })).toString("base64url");
    const token = signLinkToken(KEY, claims);
    const forged = `v1.${payload}.${token.split(".")[2]}`;
    expect(codeOf(() => verifyLinkToken(KEY, forged))).toBe("SURVEY_LINK_INVALID");
  });

  it("needs the link key (CONFIGURATION_INVALID without it)", () => {
    expect(codeOf(() => signLinkToken(undefined, claims))).toBe("CONFIGURATION_INVALID");
    expect(codeOf(() => verifyLinkToken(undefined, "v1.a.b"))).toBe("CONFIGURATION_INVALID");
  });

  it("expires at the deadline (rounded up to the second)", () => {
    expect(expiryOf("2026-12-01T09:00:00.000Z")).toBe(Date.parse("2026-12-01T09:00:00Z") / 1000);
    expect(expiryOf("2026-12-01T09:00:00.400Z")).toBe(Date.parse("2026-12-01T09:00:01Z") / 1000);
  });
});
