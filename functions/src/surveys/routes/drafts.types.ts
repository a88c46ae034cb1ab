import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { IfMatchHeader, jsonAnswer, jsonBody, SchoolParam, SURVEYS_TAG, SurveyParam } from "./common.types.js";

export const listSurveysRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys",
  tags: [SURVEYS_TAG],
  summary: "アンケートの一覧 / Surveys",
  description:
    "自分が作成したアンケート（校長・教頭・教育委員会: 学校のすべて）、新しい順。 The caller's surveys (principal, vice principal, board: all of the school), newest first.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, query: z.object({ status: z.enum(["draft", "open", "closed"]).optional() }) },
  responses: {
    200: jsonAnswer("Surveys", "SurveyList"),
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});

export const createSurveyRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys",
  tags: [SURVEYS_TAG],
  summary: "アンケートの作成（下書き） / Create a survey (draft)",
  description:
    "設問・対象・期限・匿名・リマインドを指定して下書きを作成します（期限は未来: SURVEY_DEADLINE_PAST）。 Creates a draft; nothing is sent yet.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, body: jsonBody("SurveyDefinition") },
  responses: {
    201: jsonAnswer("Draft created", "SurveyView"),
    ...errorResponses(400, 409, 413, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const surveyTemplatesRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys/templates",
  tags: [SURVEYS_TAG],
  summary: "テンプレート / Templates",
  description: "学校評価・行事の出欠・面談希望のテンプレート（期限は仮の値）。 The shipped templates.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam },
  responses: { 200: jsonAnswer("Templates", "TemplateList"), ...errorResponses(400, ...AUTHENTICATED_ERRORS) },
});

export const audiencePreviewRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/audience-preview",
  tags: [SURVEYS_TAG],
  summary: "対象者の確認 / Preview an audience",
  description:
    "対象がいま何人に届くか（グループ別の人数と注意）。 Who an audience reaches now, by group, with warnings.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, body: jsonBody("AudiencePreviewInput") },
  responses: { 200: jsonAnswer("Preview", "AudiencePreview"), ...errorResponses(400, 415, ...AUTHENTICATED_ERRORS) },
});

export const getSurveyRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys/{surveyId}",
  tags: [SURVEYS_TAG],
  summary: "アンケート / A survey",
  description:
    "作成者・校長・教頭が見るアンケート（ETag ヘッダー付き）。 The survey for its owner or overseers (ETag header).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam },
  responses: { 200: jsonAnswer("The survey", "SurveyView"), ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS) },
});

export const updateSurveyRoute = createRoute({
  method: "put",
  path: "/api/schools/{schoolId}/surveys/{surveyId}",
  tags: [SURVEYS_TAG],
  summary: "下書きの編集 / Edit a draft",
  description:
    "下書きの定義を置き換えます（If-Match 必須、送信後は SURVEY_NOT_DRAFT）。 Replaces a draft's definition (If-Match).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, headers: IfMatchHeader, body: jsonBody("SurveyDefinition") },
  responses: {
    200: jsonAnswer("Saved", "SurveyView"),
    ...errorResponses(400, 404, 409, 412, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const deleteSurveyRoute = createRoute({
  method: "delete",
  path: "/api/schools/{schoolId}/surveys/{surveyId}",
  tags: [SURVEYS_TAG],
  summary: "下書きの削除 / Delete a draft",
  description: "送信前の下書きを削除します（If-Match 必須）。 Deletes a draft (If-Match).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, headers: IfMatchHeader },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 404, 409, 412, 428, ...AUTHENTICATED_ERRORS),
  },
});
