import { describe, expect, it } from "vitest";
import { VerifyAnswer, verdictOf } from "./verify.js";

const sealed = {
  kind: "komu-sealed",
  approvalId: "a1",
  verificationCode: "K7Q2-9XPA",
  claimed: {
    title: "修学旅行実施計画",
    documentNumber: "青葉小第12号",
    sealedAt: "2026-11-20T01:00:00Z",
    originalSha256: "ab",
  },
  record: {
    approvalId: "a1",
    verificationCode: "K7Q2-9XPA",
    sealedSha256: "cd",
    title: "修学旅行実施計画",
    documentNumber: "青葉小第12号",
    schoolId: "aoba-es",
    sealedAt: "2026-11-20T01:00:00Z",
  },
  intact: true,
  sha256: "cd",
};

describe("verification answer", () => {
  it("is intact only when Kōmu recorded the seal and the bytes match", () => {
    expect(verdictOf(VerifyAnswer.parse(sealed))).toBe("intact");
    expect(verdictOf(VerifyAnswer.parse({ ...sealed, intact: false, sha256: "ef" }))).toBe("altered");
    expect(verdictOf(VerifyAnswer.parse({ ...sealed, record: null, intact: false }))).toBe("unrecorded");
    expect(verdictOf(VerifyAnswer.parse({ kind: "unknown", sha256: "00" }))).toBe("notKomu");
  });

  it("refuses an answer of another shape", () => {
    expect(VerifyAnswer.safeParse({ kind: "komu-sealed", sha256: "00" }).success).toBe(false);
  });
});
