import { describe, expect, it } from "vitest";
import { newVerificationCode, VERIFICATION_CODE } from "./verification-code.js";

describe("verification codes", () => {
  it("are KMU- and three groups of Crockford base32 (no I, L, O, U)", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newVerificationCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(VERIFICATION_CODE);
      expect(code.slice(4)).not.toMatch(/[ILOU]/);
    }
  });
  it("take their randomness from the given source", () => {
    expect(newVerificationCode((n) => new Uint8Array(n).fill(31))).toBe("KMU-ZZZZ-ZZZZ-ZZZZ");
    expect(newVerificationCode((n) => Uint8Array.from({ length: n }, (_, i) => i))).toBe("KMU-0123-4567-89AB");
  });
});
