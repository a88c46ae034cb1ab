import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../../routes/common.types.js";
import { GUARDIANS_TAG, GuardianLinkSchema, GuardianLinksSchema, RecipientParam, SurveyParam } from "./common.types.js";

export const guardianLinksRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/guardian-links",
  tags: [GUARDIANS_TAG],
  summary: "保護者用リンクの一覧 / Guardians' links",
  description:
    "保護者と子どもごとの回答リンクと QR コード（学年・組・出席番号順）。pending=true で未回答のみ。作成者と校長・教頭だけ（リンクを持つ人はその家庭として回答できます）。 Each guardian and child's link and QR code in class order; pending=true: only those who have not submitted. Owner and overseers only (whoever holds a link answers for that family).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, query: z.object({ pending: z.enum(["true", "false"]).optional() }) },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: GuardianLinksSchema } } },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});

export const reissueLinkRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/recipients/{key}/reissue-link",
  tags: [GUARDIANS_TAG],
  summary: "保護者用リンクの再発行 / Reissue a guardian's link",
  description:
    "古いリンクは使えなくなり、端末の登録も解除されます。回答済みの内容は残ります（監査: survey.linkIssued）。 Older links stop working and the device claim is cleared; answers already given are kept (audited as survey.linkIssued).",
  security: BEARER_SECURITY,
  request: { params: RecipientParam },
  responses: {
    200: { description: "The new link", content: { "application/json": { schema: GuardianLinkSchema } } },
    ...errorResponses(400, 404, 409, ...AUTHENTICATED_ERRORS),
  },
});
