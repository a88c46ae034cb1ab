import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import {
  APPROVALS_TAG,
  IfMatchHeader,
  jsonBody,
  SchoolParam,
  TemplateParam,
  TemplateViewSchema,
} from "./common.types.js";

export const listTemplatesRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/approval-templates",
  tags: [APPROVALS_TAG],
  summary: "決裁ルートのテンプレート / Route templates",
  description:
    "学校のテンプレート（初回に既定の 一般起案・学年合議・決裁後回覧 を用意）と教育委員会の共有テンプレート。 The school's templates (defaults seeded on first read) and the board's shared ones.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam },
  responses: {
    200: {
      description: "OK",
      content: { "application/json": { schema: z.object({ items: z.array(TemplateViewSchema) }) } },
    },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});

export const createTemplateRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/approval-templates",
  tags: [APPROVALS_TAG],
  summary: "テンプレートの作成 / Create a route template",
  description:
    "校長（学校）、教育委員会（boe: 全校共有）、管理者。 Principal (school), board staff (boe: shared), admins.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, body: jsonBody("RouteTemplateInput") },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: TemplateViewSchema } } },
    ...errorResponses(400, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const replaceTemplateRoute = createRoute({
  method: "put",
  path: "/api/schools/{schoolId}/approval-templates/{templateId}",
  tags: [APPROVALS_TAG],
  summary: "テンプレートの更新 / Replace a route template",
  description: "If-Match 必須。無効にするには active: false。 If-Match required; retire with active: false.",
  security: BEARER_SECURITY,
  request: { params: TemplateParam, headers: IfMatchHeader, body: jsonBody("RouteTemplateInput") },
  responses: {
    200: { description: "Saved", content: { "application/json": { schema: TemplateViewSchema } } },
    ...errorResponses(400, 404, 412, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const templatePreviewRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/approval-templates/{templateId}/preview",
  tags: [APPROVALS_TAG],
  summary: "ルートの試算 / Preview a template's route",
  description:
    "テンプレートと起案者の変更（RouteEdits）から、いま回付した場合の担当者を返します（何も保存しません）。 The people a template's route (with the drafter's edits) resolves to now; nothing is stored.",
  security: BEARER_SECURITY,
  request: { params: TemplateParam, body: jsonBody("RouteEdits") },
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
    ...errorResponses(400, 404, 422, 503, ...AUTHENTICATED_ERRORS),
  },
});
