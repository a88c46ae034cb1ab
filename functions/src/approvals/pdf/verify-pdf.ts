import { loadPdf } from "./load-pdf.js";
import { readSealMetadata } from "./metadata.js";
import { sha256Hex } from "./seal-pdf.js";
import type { SealLookup, VerifyResult } from "./types.js";

/**
 * Which Kōmu document a PDF is, and whether it is byte for byte the sealed file Kōmu produced.
 * The file says who it claims to be (the KomuSeal metadata); `lookup` says what Kōmu recorded
 * (the sealed file's SHA-256 is kept by the engine, a file cannot contain its own hash). Any
 * change — one byte, an appended page, an incremental update, a re-save by another tool — makes
 * `intact` false while the metadata usually still names the approval. A PDF without the mark is
 * `unknown`; bytes that are not a readable PDF are refused (PDF_INVALID, PDF_ENCRYPTED, …).
 */
export const verifyPdf = async (bytes: Uint8Array, lookup: SealLookup): Promise<VerifyResult> => {
  const sha256 = sha256Hex(bytes);
  const doc = await loadPdf(bytes);
  const claimed = readSealMetadata(doc);
  if (!claimed) return { kind: "unknown", sha256 };
  const record = await lookup({
    schoolId: claimed.schoolId,
    approvalId: claimed.approvalId,
    verificationCode: claimed.verificationCode,
  });
  const known =
    record && record.verificationCode === claimed.verificationCode && record.schoolId === claimed.schoolId
      ? record
      : null;
  return {
    kind: "komu-sealed",
    approvalId: claimed.approvalId,
    verificationCode: claimed.verificationCode,
    claimed,
    record: known,
    intact: known !== null && known.sealedSha256 === sha256,
    sha256,
  };
};
