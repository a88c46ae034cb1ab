import { createRoute } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { IdempotencyHeader, IfMatchHeader, jsonAnswer, jsonBody, SURVEYS_TAG, SurveyParam } from "./common.types.js";

export const openSurveyRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/open",
  tags: [SURVEYS_TAG],
  summary: "送信（開始） / Send (open)",
  description:
    "対象者を確定して回答者を登録し、教職員・児童生徒に Teams カードを送ります（If-Match 必須。送信済みならそのまま返す）。 Resolves the audience, writes the recipients, opens the survey and sends the cards through the outbox (If-Match; idempotent).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, headers: IfMatchHeader },
  responses: {
    200: jsonAnswer("Open", "SurveyView"),
    ...errorResponses(400, 404, 409, 412, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const closeSurveyRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/close",
  tags: [SURVEYS_TAG],
  summary: "締め切る / Close",
  description: "回答の受付を終了します（If-Match 必須）。 Stops taking answers (If-Match).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, headers: IfMatchHeader },
  responses: {
    200: jsonAnswer("Closed", "SurveyView"),
    ...errorResponses(400, 404, 409, 412, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const surveyDeadlineRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/deadline",
  tags: [SURVEYS_TAG],
  summary: "期限の変更 / Change the deadline",
  description: "回答期限を変更します（未来の日時、If-Match 必須）。 Moves the deadline (future, If-Match).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, headers: IfMatchHeader, body: jsonBody("SurveyDeadlineInput") },
  responses: {
    200: jsonAnswer("Saved", "SurveyView"),
    ...errorResponses(400, 404, 409, 412, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const trackingRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/tracking",
  tags: [SURVEYS_TAG],
  summary: "回答状況 / Who has answered",
  description: "回答率（全体・学年・学級）と未回答者の一覧。 Response rates and the non-responders.",
  security: BEARER_SECURITY,
  request: { params: SurveyParam },
  responses: { 200: jsonAnswer("Tracking", "TrackingView"), ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS) },
});

export const remindRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/remind",
  tags: [SURVEYS_TAG],
  summary: "リマインド / Remind non-responders",
  description:
    "未回答者（keys 指定時はその人）に回答のお願いを送ります。保護者は配付用リンクで（人数のみ）。Idempotency-Key 推奨。 Reminds non-responders once (Idempotency-Key recommended).",
  security: BEARER_SECURITY,
  request: { params: SurveyParam, headers: IdempotencyHeader, body: jsonBody("RemindInput") },
  responses: {
    200: jsonAnswer("Reminded", "RemindResult"),
    ...errorResponses(400, 404, 409, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});
