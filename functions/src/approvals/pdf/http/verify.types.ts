import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../../routes/common.types.js";

const Text = z.object({ ja: z.string(), en: z.string() });

// The same shape as shared's SealVerificationView (which the tab parses; verify.types.test.ts checks
// the two shapes are equal). Declared here with @hono/zod-openapi's z so it can carry
// OpenAPI metadata: `.openapi()` is not available on schemas built by shared's own zod import in
// every loader (it broke the e2e under Vite/tsx).

export const VerifyVerdict = z.enum(["intact", "altered", "unrecorded", "unknown"]).openapi("SealVerdict");

export const VerifyPdfResponse = z
  .object({
    /**
     * intact: byte for byte the sealed file Kōmu recorded; altered: a Kōmu-sealed file changed
     * since (or a superseded copy); unrecorded: it says it is Kōmu's but no record matches (another
     * town, a deleted approval, or forged metadata); unknown: not a Kōmu-sealed PDF.
     */
    verdict: VerifyVerdict,
    message: Text,
    sha256: z.string(),
    /** What the file itself says (anyone holding the file can read this). */
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
    /** Kōmu's record: shown to staff of that school (and the board); null when hidden or absent. */
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
  })
  .openapi("SealVerification");

export const verifyPdfRoute = createRoute({
  method: "post",
  path: "/api/approvals/verify",
  tags: ["approvals"],
  summary: "決裁文書の検証 / Verify a sealed PDF",
  description:
    "本文は PDF そのもの（任意の Content-Type、上限 50 MB）。Kōmu が決裁した PDF か、どの文書か、決裁後に改変されていないかを答えます（職員のみ）。学校側の記録（件名・文書番号）はその学校の職員と教育委員会にだけ示します。 The body is the PDF's bytes (any Content-Type, up to 50 MB). Answers whether it is a PDF sealed by Kōmu, which one, and whether it changed after sealing (staff only). The school's record is shown to that school's staff and the board only.",
  security: BEARER_SECURITY,
  request: {
    body: {
      required: true,
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    },
  },
  responses: {
    200: { description: "Verified", content: { "application/json": { schema: VerifyPdfResponse } } },
    ...errorResponses(400, 413, 422, ...AUTHENTICATED_ERRORS),
  },
});
