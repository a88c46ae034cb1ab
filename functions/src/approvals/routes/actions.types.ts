import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { APPROVALS_TAG, ApprovalDetailSchema, ApprovalParam, IfMatchHeader, jsonBody } from "./common.types.js";

const ok = {
  description: "The approval after the action",
  content: { "application/json": { schema: ApprovalDetailSchema } },
};

export const decisionRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/approvals/{approvalId}/decisions",
  tags: [APPROVALS_TAG],
  summary: "承認・差し戻し・却下・代決 / Decide",
  description:
    "表示された段階のトークン（stepToken）とともに決定します。重複・遅れた決定は APPROVAL_ALREADY_DECIDED（誰がいつ決定したかを details に）、順番でなければ APPROVAL_OUT_OF_TURN、ルート外は APPROVAL_NOT_ON_ROUTE。差し戻し・却下はコメント必須。 Decides with the step token shown; a duplicate or late decision is APPROVAL_ALREADY_DECIDED (details say who decided and when).",
  security: BEARER_SECURITY,
  request: { params: ApprovalParam, headers: IfMatchHeader, body: jsonBody("DecisionInput") },
  responses: { 200: ok, ...errorResponses(400, 403, 404, 409, 412, 422, ...AUTHENTICATED_ERRORS) },
});

export const withdrawRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/approvals/{approvalId}/withdraw",
  tags: [APPROVALS_TAG],
  summary: "引戻し / Withdraw",
  description:
    "起案者が、まだ誰も決定していない回付中の文書を引き戻します（If-Match 必須）。 The drafter pulls back an approval nobody has decided on yet (If-Match).",
  security: BEARER_SECURITY,
  request: { params: ApprovalParam, headers: IfMatchHeader, body: jsonBody("WithdrawInput") },
  responses: { 200: ok, ...errorResponses(400, 403, 404, 409, 412, 428, ...AUTHENTICATED_ERRORS) },
});

export const reviewRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/approvals/{approvalId}/review",
  tags: [APPROVALS_TAG],
  summary: "後閲 / Acknowledge a deputy's decision",
  security: BEARER_SECURITY,
  request: {
    params: ApprovalParam,
    body: { required: true, content: { "application/json": { schema: z.object({ stageId: z.string() }) } } },
  },
  responses: { 200: ok, ...errorResponses(400, 403, 404, ...AUTHENTICATED_ERRORS) },
});
