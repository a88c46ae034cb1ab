import { can, ensureCan, KomuError, type LocalizedText, type SealVerificationView } from "@komu/shared";
import type { Endpoint } from "../../../http/types.js";
import { sealLookup } from "../seal-registry.js";
import { PDF_LIMITS, type VerifyResult } from "../types.js";
import { verifyPdf } from "../verify-pdf.js";
import { verifyPdfRoute } from "./verify.types.js";

/** The shared view (the tab parses it); the route's OpenAPI schema must accept it (tsc checks). */
type Response = SealVerificationView;

const MESSAGES: Record<Response["verdict"], LocalizedText> = {
  intact: {
    ja: "Kōmu で決裁された文書です。決裁後に改変されていません。",
    en: "This document was approved in Kōmu and has not been changed since it was sealed.",
  },
  altered: {
    ja: "Kōmu で決裁された文書ですが、決裁後に改変されています（内容の変更、ページの追加、別のソフトでの保存など）。原本を確認してください。",
    en: "This document was approved in Kōmu but has been changed since it was sealed (edited, pages added, or saved by another program). Check the original.",
  },
  unrecorded: {
    ja: "Kōmu の決裁文書を名乗っていますが、該当する決裁の記録がありません。発行元に確認してください。",
    en: "This file claims to be a Kōmu approval, but there is no matching record. Check with its issuer.",
  },
  unknown: {
    ja: "Kōmu で決裁された PDF ではありません（決裁の情報が含まれていません）。",
    en: "This is not a PDF sealed by Kōmu (it carries no approval information).",
  },
};

const verdictOf = (r: VerifyResult): Response["verdict"] => {
  if (r.kind === "unknown") return "unknown";
  if (!r.record) return "unrecorded";
  return r.intact ? "intact" : "altered";
};

/** POST /api/approvals/verify: which Kōmu document a PDF is, and whether it was altered. */
export const verifyPdfEndpoint: Endpoint = {
  route: verifyPdfRoute,
  auth: "required",
  body: {
    kind: "binary",
    maxBytes: PDF_LIMITS.maxBytes,
    tooLarge: (maxBytes) => new KomuError("PDF_TOO_LARGE", { details: { maxBytes } }),
  },
  register(app, deps) {
    app.openapi(verifyPdfRoute, async (c) => {
      const principal = c.get("principal");
      ensureCan(principal, "approval.verify");
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const result = await verifyPdf(bytes, sealLookup(deps.storage.entities));
      const verdict = verdictOf(result);
      const body: Response = { verdict, message: MESSAGES[verdict], sha256: result.sha256 };
      if (result.kind === "komu-sealed") {
        const { claimed, record } = result;
        body.claimed = {
          schoolId: claimed.schoolId,
          approvalId: claimed.approvalId,
          verificationCode: claimed.verificationCode,
          documentNumber: claimed.documentNumber,
          title: claimed.title,
          sealedAt: claimed.sealedAt,
          originalSha256: claimed.originalSha256,
          originalPages: claimed.originalPages,
        };
        body.record =
          record && can(principal, "approval.verify.school", { schoolId: record.schoolId })
            ? {
                schoolId: record.schoolId,
                approvalId: record.approvalId,
                documentNumber: record.documentNumber,
                title: record.title,
                sealedAt: record.sealedAt,
                sealedSha256: record.sealedSha256,
                ...(record.recordId ? { recordId: record.recordId } : {}),
              }
            : null;
      }
      return c.json(body, 200);
    });
  },
};
