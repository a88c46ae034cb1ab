import { createRoute } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import {
  ActionItemParam,
  IfMatchHeader,
  jsonAnswer,
  jsonBody,
  MEETINGS_TAG,
  MeetingParam,
} from "../text/route-common.types.js";

export const putMinutesRoute = createRoute({
  method: "put",
  path: "/api/schools/{schoolId}/meetings/{meetingId}/minutes",
  tags: [MEETINGS_TAG],
  summary: "議事録を書く / Write the minutes",
  description:
    "議題ごとの協議内容・決定事項と宿題（担当・期限）。議長と会議を運営できる人。回付中・決裁済は MEETING_MINUTES_LOCKED。 The minutes draft (If-Match: the meeting's ETag).",
  security: BEARER_SECURITY,
  request: { params: MeetingParam, headers: IfMatchHeader, body: jsonBody("MinutesInput") },
  responses: {
    200: jsonAnswer("The meeting", "MeetingView"),
    ...errorResponses(400, 404, 409, 412, 415, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const submitMinutesRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/meetings/{meetingId}/minutes/submit",
  tags: [MEETINGS_TAG],
  summary: "議事録を決裁に回す / Route the minutes for approval",
  description:
    "議事録を PDF にして電子決裁に起案・回付します。決裁後は押印されて学校文書に保存されます。 Renders the minutes as a PDF and submits it as an approval (If-Match).",
  security: BEARER_SECURITY,
  request: { params: MeetingParam, headers: IfMatchHeader, body: jsonBody("MinutesSubmitInput") },
  responses: {
    200: jsonAnswer("The meeting", "MeetingView"),
    ...errorResponses(400, 404, 409, 412, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const patchActionItemRoute = createRoute({
  method: "patch",
  path: "/api/schools/{schoolId}/meetings/{meetingId}/action-items/{actionItemId}",
  tags: [MEETINGS_TAG],
  summary: "宿題の完了 / Mark an action item done",
  description: "担当者または議長が完了・未完了にします。 The assignee or the chair marks it done or not done.",
  security: BEARER_SECURITY,
  request: { params: ActionItemParam, body: jsonBody("ActionItemPatch") },
  responses: {
    200: jsonAnswer("The meeting", "MeetingView"),
    ...errorResponses(400, 404, 409, 415, ...AUTHENTICATED_ERRORS),
  },
});
