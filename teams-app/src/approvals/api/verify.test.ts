import { describe, expect, it } from "vitest";
import { VerifyAnswer, verifyFacts } from "./verify.js";

const claimed = {
  schoolId: "aoba-e",
  approvalId: "a1",
  verificationCode: "K7Q2-9XPA",
  documentNumber: "青葉小第12号",
  title: "修学旅行実施計画（写し）",
  sealedAt: "2026-11-20T01:00:00Z",
  originalSha256: "ab",
  originalPages: 2,
};
const record = {
  schoolId: "aoba-e",
  approvalId: "a1",
  documentNumber: "青葉小第12号",
  title: "修学旅行実施計画",
  sealedAt: "2026-11-20T01:00:00Z",
  sealedSha256: "cd",
};
const message = { ja: "改変されていません", en: "Unchanged" };

describe("verification answer", () => {
  it("shows the school's record when the server gives it, else what the file claims", () => {
    const withRecord = VerifyAnswer.parse({ verdict: "intact", message, sha256: "cd", claimed, record });
    expect(verifyFacts(withRecord)).toMatchObject({ title: "修学旅行実施計画", fromRecord: true, code: "K7Q2-9XPA" });
    const hidden = VerifyAnswer.parse({ verdict: "altered", message, sha256: "ef", claimed, record: null });
    expect(verifyFacts(hidden)).toMatchObject({ title: "修学旅行実施計画（写し）", fromRecord: false });
  });

  it("has no facts for a PDF that is not Kōmu's", () => {
    expect(verifyFacts(VerifyAnswer.parse({ verdict: "unknown", message, sha256: "00" }))).toBeNull();
  });

  it("refuses an answer of another shape", () => {
    expect(VerifyAnswer.safeParse({ verdict: "sealed", message, sha256: "00" }).success).toBe(false);
  });
});
