import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import {
  APPROVALS_TAG,
  ApprovalDetailSchema,
  ApprovalParam,
  IfMatchHeader,
  jsonBody,
  SchoolParam,
} from "./common.types.js";

export const createDraftRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/approvals",
  tags: [APPROVALS_TAG],
  summary: "起案（下書き作成） / Create a draft",
  description:
    "テンプレート・件名・文書分類・本文 PDF（POST …/records/uploads で一時保存したもの）で起案を作成します（まだ回付しません）。 Creates a draft from a route template, title, category and a staged PDF; nothing is sent yet.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, body: jsonBody("DraftCreateInput") },
  responses: {
    201: { description: "Draft created", content: { "application/json": { schema: ApprovalDetailSchema } } },
    ...errorResponses(400, 404, 409, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const updateDraftRoute = createRoute({
  method: "patch",
  path: "/api/schools/{schoolId}/approvals/{approvalId}",
  tags: [APPROVALS_TAG],
  summary: "起案の編集 / Edit a draft",
  description:
    "起案中・差し戻し・引戻しの文書を起案者が編集します（If-Match 必須）。 The drafter edits a draft, returned or withdrawn approval (If-Match).",
  security: BEARER_SECURITY,
  request: { params: ApprovalParam, headers: IfMatchHeader, body: jsonBody("DraftUpdateInput") },
  responses: {
    200: { description: "Saved", content: { "application/json": { schema: ApprovalDetailSchema } } },
    ...errorResponses(400, 404, 409, 412, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const submitRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/approvals/{approvalId}/submit",
  tags: [APPROVALS_TAG],
  summary: "回付（起案・再起案） / Submit",
  description:
    "決裁ルートの役割を担当者に解決し、最初の段階へ回付します（If-Match 必須）。担当者のいない段階があれば APPROVAL_STAGE_EMPTY。 Resolves the route's roles to people and sends the approval to its first step (If-Match).",
  security: BEARER_SECURITY,
  request: { params: ApprovalParam, headers: IfMatchHeader },
  responses: {
    200: { description: "On the route", content: { "application/json": { schema: ApprovalDetailSchema } } },
    ...errorResponses(400, 404, 409, 412, 422, 428, 503, ...AUTHENTICATED_ERRORS),
  },
});

export const routePreviewRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/approvals/{approvalId}/route-preview",
  tags: [APPROVALS_TAG],
  summary: "決裁ルートの確認 / Preview the route",
  description:
    "起案者が回付前に、いま回付した場合の担当者を確認します（担当者のいない段階は empty）。 The drafter sees who would receive the draft if submitted now; stages nobody holds are marked empty.",
  security: BEARER_SECURITY,
  request: { params: ApprovalParam },
  responses: {
    200: {
      description: "The resolved route",
      content: {
        "application/json": {
          schema: z
            .object({ stages: z.array(z.record(z.string(), z.unknown())) })
            .openapi({ description: "@komu/shared RoutePreviewView" }),
        },
      },
    },
    ...errorResponses(400, 404, 503, ...AUTHENTICATED_ERRORS),
  },
});
