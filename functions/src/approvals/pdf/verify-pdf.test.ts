import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { sealPdf } from "./seal-pdf.js";
import { plainPdf, sealInput } from "./testing.js";
import type { SealLookup, SealRecord } from "./types.js";
import { verifyPdf } from "./verify-pdf.js";

const sealedWithRecord = async () => {
  const sealed = await sealPdf(sealInput(await plainPdf({ pages: 2 })));
  const record: SealRecord = {
    approvalId: sealed.metadata.approvalId,
    verificationCode: sealed.metadata.verificationCode,
    sealedSha256: sealed.sha256,
    title: sealed.metadata.title,
    documentNumber: sealed.metadata.documentNumber,
    schoolId: "aoba-e",
    sealedAt: sealed.metadata.sealedAt,
  };
  const asked: unknown[] = [];
  const lookup: SealLookup = async (ref) => {
    asked.push(ref);
    return ref.approvalId === record.approvalId ? record : null;
  };
  return { sealed, record, lookup, asked };
};

describe("verifyPdf", () => {
  it("recognises the sealed PDF, intact", async () => {
    const { sealed, lookup, asked } = await sealedWithRecord();
    const result = await verifyPdf(sealed.bytes, lookup);
    expect(result).toMatchObject({
      kind: "komu-sealed",
      approvalId: "apv_01JTESTSEAL",
      verificationCode: "KMU-7Q2M-4XRT-9PLA",
      intact: true,
      sha256: sealed.sha256,
    });
    expect(asked).toEqual([
      { schoolId: "aoba-e", approvalId: "apv_01JTESTSEAL", verificationCode: "KMU-7Q2M-4XRT-9PLA" },
    ]);
  });

  it.each([
    ["in the header comment", (_text: string) => 10],
    [
      "inside the largest stream (the font)",
      (text: string) => {
        let best = { at: -1, len: 0 };
        for (let i = text.indexOf("stream\n"); i >= 0; i = text.indexOf("stream\n", i + 1)) {
          const end = text.indexOf("endstream", i);
          if (text.slice(i - 3, i) !== "end" && end - i > best.len) best = { at: i + 7, len: end - i - 7 };
        }
        return best.at + Math.floor(best.len / 2);
      },
    ],
  ])("says altered when one byte changed %s", async (_where, position) => {
    const { sealed, lookup } = await sealedWithRecord();
    const bytes = sealed.bytes.slice();
    const at = position(Buffer.from(bytes).toString("latin1"));
    expect(at).toBeGreaterThan(0);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const result = await verifyPdf(bytes, lookup);
    expect(result).toMatchObject({ kind: "komu-sealed", approvalId: "apv_01JTESTSEAL", intact: false });
  });

  it("says altered when a page was appended by another tool", async () => {
    const { sealed, lookup } = await sealedWithRecord();
    const doc = await PDFDocument.load(sealed.bytes, { updateMetadata: false });
    doc.addPage();
    const result = await verifyPdf(await doc.save(), lookup);
    expect(result).toMatchObject({ kind: "komu-sealed", intact: false, approvalId: "apv_01JTESTSEAL" });
  });

  it("says altered when the record does not know the approval, and unknown for other PDFs", async () => {
    const { sealed } = await sealedWithRecord();
    const none: SealLookup = async () => null;
    expect(await verifyPdf(sealed.bytes, none)).toMatchObject({ kind: "komu-sealed", record: null, intact: false });
    expect(await verifyPdf(await plainPdf(), none)).toMatchObject({ kind: "unknown" });
  });

  it("does not trust a record with another verification code", async () => {
    const { sealed, record } = await sealedWithRecord();
    const other: SealLookup = async () => ({ ...record, verificationCode: "KMU-0000-0000-0000" });
    expect(await verifyPdf(sealed.bytes, other)).toMatchObject({ record: null, intact: false });
  });

  it("refuses bytes that are not a PDF", async () => {
    await expect(verifyPdf(new TextEncoder().encode("hello"), async () => null)).rejects.toMatchObject({
      code: "PDF_INVALID",
    });
  });
});
