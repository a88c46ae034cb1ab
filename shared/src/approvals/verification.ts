import { z } from "zod";
import { LocalizedTextSchema } from "../tasks.js";

/**
 * The answer of `POST /api/approvals/verify` (the PDF's bytes in the body), for the tab and the
 * API. intact: byte for byte the sealed file Kōmu recorded; altered: a Kōmu-sealed file changed
 * since (edited, pages added, re-saved); unrecorded: it claims to be Kōmu's but no record matches
 * (another town, a deleted approval, forged metadata); unknown: not a Kōmu-sealed PDF.
 */
export const SealVerdict = z.enum(["intact", "altered", "unrecorded", "unknown"]);
export type SealVerdict = z.infer<typeof SealVerdict>;

export const SealVerificationView = z.object({
  verdict: SealVerdict,
  message: LocalizedTextSchema,
  /** SHA-256 (hex) of the uploaded bytes. */
  sha256: z.string(),
  /** What the file itself says (anyone holding the file can read it). */
  claimed: z
    .object({
      schoolId: z.string(),
      approvalId: z.string(),
      verificationCode: z.string(),
      documentNumber: z.string(),
      title: z.string(),
      sealedAt: z.string(),
      originalSha256: z.string(),
      originalPages: z.number().int(),
    })
    .optional(),
  /** Kōmu's record: for staff of that school and the board; null when hidden or absent. */
  record: z
    .object({
      schoolId: z.string(),
      approvalId: z.string(),
      documentNumber: z.string(),
      title: z.string(),
      sealedAt: z.string(),
      sealedSha256: z.string(),
      recordId: z.string().optional(),
    })
    .nullable()
    .optional(),
});
export type SealVerificationView = z.infer<typeof SealVerificationView>;
