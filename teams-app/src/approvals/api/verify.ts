import { z } from "zod";
import { type BytesOptions, postBytes } from "./post-bytes.js";

/**
 * The answer of POST /api/approvals/verify (the PDF's bytes in the body). Mirrors `VerifyResult`
 * of functions/src/approvals/pdf/types.ts; move to shared/src/approvals/api.ts with the route.
 */
const SealRecordView = z.object({
  approvalId: z.string(),
  verificationCode: z.string(),
  sealedSha256: z.string(),
  title: z.string(),
  documentNumber: z.string(),
  schoolId: z.string(),
  sealedAt: z.string(),
  recordId: z.string().optional(),
});

export const VerifyAnswer = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("komu-sealed"),
    approvalId: z.string(),
    verificationCode: z.string(),
    claimed: z.object({
      title: z.string(),
      documentNumber: z.string(),
      sealedAt: z.string(),
      originalSha256: z.string(),
      originalPages: z.number().optional(),
    }),
    record: SealRecordView.nullable(),
    intact: z.boolean(),
    sha256: z.string(),
  }),
  z.object({ kind: z.literal("unknown"), sha256: z.string() }),
]);
export type VerifyAnswer = z.infer<typeof VerifyAnswer>;

export type Verdict = "intact" | "altered" | "unrecorded" | "notKomu";

/** What to tell the user: the sealed document as recorded, altered since sealing, sealed elsewhere, or not a Kōmu document. */
export function verdictOf(answer: VerifyAnswer): Verdict {
  if (answer.kind === "unknown") return "notKomu";
  if (!answer.record) return "unrecorded";
  return answer.intact ? "intact" : "altered";
}

export const VERIFY_PATH = "/api/approvals/verify";

export const verifyPdf = (file: Blob, options: BytesOptions): Promise<VerifyAnswer> =>
  postBytes(VERIFY_PATH, file, "application/pdf", (v) => VerifyAnswer.safeParse(v), options);
