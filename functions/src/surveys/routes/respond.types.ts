import { createRoute } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { jsonAnswer, jsonBody, SURVEYS_TAG, SurveyParam } from "./common.types.js";

export const assignedSurveysRoute = createRoute({
  method: "get",
  path: "/api/surveys/assigned",
  tags: [SURVEYS_TAG],
  summary: "回答を依頼されたアンケート / Surveys to answer",
  description: "所属するすべての学校で、自分が回答対象の受付中アンケート。 Open surveys the caller is asked to answer.",
  security: BEARER_SECURITY,
  responses: { 200: jsonAnswer("Surveys", "AssignedSurveys"), ...errorResponses(...AUTHENTICATED_ERRORS) },
});

export const getMyResponseRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/my-response",
  tags: [SURVEYS_TAG],
  summary: "自分の回答 / My answer",
  description: "アンケートと自分の回答（一時保存を含む）。 The survey and the caller's saved answer.",
  security: BEARER_SECURITY,
  request: { params: SurveyParam },
  responses: { 200: jsonAnswer("My answer", "MyResponse"), ...errorResponses(400, 404, 409, ...AUTHENTICATED_ERRORS) },
});

export const putMyResponseRoute = createRoute({
  method: "put",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/my-response",
  tags: [SURVEYS_TAG],
  summary: "回答する・一時保存 / Answer or save",
  description:
    "submit=true で提出、false で一時保存。期限まで変更できます（SURVEY_ANSWER_INVALID: 問題の一覧）。 Submit or save; editable until the deadline.",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, body: jsonBody("ResponseInput") },
  responses: {
    200: jsonAnswer("Saved", "MyResponse"),
    ...errorResponses(400, 404, 409, 412, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});
