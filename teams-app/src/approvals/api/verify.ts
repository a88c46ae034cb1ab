import { LocalizedTextSchema } from "@komu/shared";
import { z } from "zod";
import { type BytesOptions, postBytes } from "./post-bytes.js";

/**
 * The answer of POST /api/approvals/verify (the PDF's bytes in the body). Mirrors
 * `VerifyPdfResponse` of functions/src/approvals/pdf/http/verify.types.ts (the tab cannot import
 * functions/; move both to shared/src/approvals/api.ts).
 */
export const VerifyAnswer = z.object({
  /** intact / altered (changed since sealing) / unrecorded (claims Kōmu, no record) / unknown (not Kōmu's). */
  verdict: z.enum(["intact", "altered", "unrecorded", "unknown"]),
  message: LocalizedTextSchema,
  sha256: z.string(),
  claimed: z
    .object({
      approvalId: z.string(),
      verificationCode: z.string(),
      documentNumber: z.string(),
      title: z.string(),
      sealedAt: z.string(),
      originalSha256: z.string(),
      originalPages: z.number().int(),
    })
    .optional(),
  /** The school's record: only for that school's staff and the board. */
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
export type VerifyAnswer = z.infer<typeof VerifyAnswer>;
export type Verdict = VerifyAnswer["verdict"];

export const VERIFY_PATH = "/api/approvals/verify";

export const verifyPdf = (file: Blob, options: BytesOptions): Promise<VerifyAnswer> =>
  postBytes(VERIFY_PATH, file, "application/pdf", (v) => VerifyAnswer.safeParse(v), options);

/** The facts to list under the verdict: the school's record when shown, else what the file claims. */
export function verifyFacts(answer: VerifyAnswer): {
  title: string;
  number: string;
  sealedAt: string;
  code: string | null;
  fromRecord: boolean;
} | null {
  const source = answer.record ?? answer.claimed;
  if (!source) return null;
  return {
    title: source.title,
    number: source.documentNumber,
    sealedAt: source.sealedAt,
    code: answer.claimed?.verificationCode ?? null,
    fromRecord: Boolean(answer.record),
  };
}
