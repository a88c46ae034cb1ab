import { createRoute } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { IfMatchHeader, jsonAnswer, jsonBody, MEETINGS_TAG, MeetingParam } from "../text/route-common.types.js";

export const fileMeetingRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/meetings/{meetingId}/file",
  tags: [MEETINGS_TAG],
  summary: "会議資料を学校文書に保存 / File the meeting's materials as records",
  description:
    "各資料の現在の版を文書分類を付けて学校文書に保存します（議長）。再実行しても同じ記録になります。 Files each material's current version in the records library (the chair); a retry files the same records.",
  security: BEARER_SECURITY,
  request: { params: MeetingParam, headers: IfMatchHeader, body: jsonBody("FileMeetingInput") },
  responses: {
    200: jsonAnswer("The meeting (filedRecordIds)", "MeetingView"),
    ...errorResponses(400, 404, 409, 412, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});
