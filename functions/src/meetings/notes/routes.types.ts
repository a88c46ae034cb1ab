import { createRoute } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { IfMatchHeader, jsonAnswer, jsonBody, MaterialParam, MEETINGS_TAG } from "../text/route-common.types.js";

export const getNotesRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/meetings/{meetingId}/materials/{materialId}/notes",
  tags: [MEETINGS_TAG],
  summary: "自分のメモ / My notes on a material",
  description:
    "自分だけのメモとマーカー（他の人・議長も見られません）。新しい版では本文の位置に合わせて移動し、見つからないものは印を付けて残します。 The caller's private notes, carried to the current version.",
  security: BEARER_SECURITY,
  request: { params: MaterialParam },
  responses: { 200: jsonAnswer("Notes", "NotesView"), ...errorResponses(400, 404, 409, ...AUTHENTICATED_ERRORS) },
});

export const putNotesRoute = createRoute({
  method: "put",
  path: "/api/schools/{schoolId}/meetings/{meetingId}/materials/{materialId}/notes",
  tags: [MEETINGS_TAG],
  summary: "自分のメモを保存 / Save my notes",
  description:
    "メモ全体を保存します（If-Match は初回のみ省略可）。ページが資料にないメモがあれば MEETING_NOTE_PAGE_MISSING で何も保存しません。 Saves the caller's whole set of notes.",
  security: BEARER_SECURITY,
  request: { params: MaterialParam, headers: IfMatchHeader, body: jsonBody("NotesPutInput") },
  responses: {
    200: jsonAnswer("Saved", "NotesView"),
    ...errorResponses(400, 404, 409, 412, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});
