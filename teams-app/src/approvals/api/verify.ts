import { SealVerificationView } from "@komu/shared";
import { type BytesOptions, postBytes } from "./post-bytes.js";

/** The answer of POST /api/approvals/verify (the PDF's bytes in the body): the shared schema. */
export const VerifyAnswer = SealVerificationView;
export type VerifyAnswer = SealVerificationView;
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
