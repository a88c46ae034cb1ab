import { createRoute, z } from "@hono/zod-openapi";
import { SealVerificationView } from "@komu/shared";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../../routes/common.types.js";

/** The answer's schema is shared with the tab (shared/src/approvals/verification.ts). */
export const VerifyPdfResponse = SealVerificationView.openapi("SealVerification");

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
