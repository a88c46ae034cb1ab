/** OpenAPI routes of the meetings core (meetings, materials, distribution, reading). */
import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "../../routes/common.types.js";
import {
  IfMatchHeader,
  jsonAnswer,
  jsonBody,
  MaterialParam,
  MEETINGS_TAG,
  MeetingParam,
} from "../text/route-common.types.js";

const SchoolParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-j" }),
});
const base = "/api/schools/{schoolId}/meetings";

export const listMeetingsRoute = createRoute({
  method: "get",
  path: base,
  tags: [MEETINGS_TAG],
  summary: "会議の一覧 / Meetings",
  description:
    "年度と語句で絞り込んだ、主催・出席する会議（会議を運営できる人は学校のすべて）。 Meetings the caller chairs or attends.",
  security: BEARER_SECURITY,
  request: {
    params: SchoolParam,
    query: z.object({
      fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
      q: z.string().max(200).optional(),
    }),
  },
  responses: { 200: jsonAnswer("Meetings", "MeetingList"), ...errorResponses(400, ...AUTHENTICATED_ERRORS) },
});

export const createMeetingRoute = createRoute({
  method: "post",
  path: base,
  tags: [MEETINGS_TAG],
  summary: "会議の作成 / Create a meeting",
  description: "主催者は自分（meeting.manage）。議題の時間は会議の時間内。 The caller chairs; nothing is sent yet.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, body: jsonBody("MeetingInput") },
  responses: { 201: jsonAnswer("Created", "MeetingView"), ...errorResponses(400, 415, 422, ...AUTHENTICATED_ERRORS) },
});

export const attendeePreviewRoute = createRoute({
  method: "post",
  path: `${base}/attendee-preview`,
  tags: [MEETINGS_TAG],
  summary: "出席者の確認 / Preview attendees",
  description: "指定がいま誰に届くか。 Who an attendee spec reaches now.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, body: jsonBody("AttendeePreviewInput") },
  responses: {
    200: jsonAnswer("Attendees", "AttendeePreview"),
    ...errorResponses(400, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const getMeetingRoute = createRoute({
  method: "get",
  path: `${base}/{meetingId}`,
  tags: [MEETINGS_TAG],
  summary: "会議 / A meeting",
  description:
    "主催者・出席者・校長・副校長（ETag ヘッダー付き）。 For the chair, attendees and meeting.oversee holders.",
  security: BEARER_SECURITY,
  request: { params: MeetingParam },
  responses: { 200: jsonAnswer("The meeting", "MeetingView"), ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS) },
});

export const updateMeetingRoute = createRoute({
  method: "put",
  path: `${base}/{meetingId}`,
  tags: [MEETINGS_TAG],
  summary: "会議の編集 / Edit a meeting",
  description:
    "If-Match 必須。配布済みなら再配布（新しい出席者に権限とカード）。 Distributed meetings are distributed again.",
  security: BEARER_SECURITY,
  request: { params: MeetingParam, headers: IfMatchHeader, body: jsonBody("MeetingInput") },
  responses: {
    200: jsonAnswer("Saved", "MeetingView"),
    ...errorResponses(400, 404, 409, 412, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const cancelMeetingRoute = createRoute({
  method: "post",
  path: `${base}/{meetingId}/cancel`,
  tags: [MEETINGS_TAG],
  summary: "会議の中止 / Cancel a meeting",
  description: "If-Match 必須。予定を削除し、フォルダーの共有を外します。 Deletes the event and the folder grants.",
  security: BEARER_SECURITY,
  request: { params: MeetingParam, headers: IfMatchHeader },
  responses: {
    200: jsonAnswer("Cancelled", "MeetingView"),
    ...errorResponses(400, 404, 412, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const addMaterialRoute = createRoute({
  method: "post",
  path: `${base}/{meetingId}/materials`,
  tags: [MEETINGS_TAG],
  summary: "資料の追加 / Add a material",
  description:
    "自分のアップロード（records uploads）を会議のフォルダーへ。 A staged upload becomes a material in the meeting's folder.",
  security: BEARER_SECURITY,
  request: { params: MeetingParam, body: jsonBody("MaterialCreateInput") },
  responses: {
    200: jsonAnswer("The meeting", "MeetingView"),
    ...errorResponses(400, 404, 409, 413, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const replaceMaterialRoute = createRoute({
  method: "put",
  path: `${base}/{meetingId}/materials/{materialId}/content`,
  tags: [MEETINGS_TAG],
  summary: "資料の差し替え / Replace a material",
  description: "If-Match 必須。同じファイルの新しい版（SharePoint の版管理）。 A new version of the same drive item.",
  security: BEARER_SECURITY,
  request: { params: MaterialParam, headers: IfMatchHeader, body: jsonBody("MaterialReplaceInput") },
  responses: {
    200: jsonAnswer("The meeting", "MeetingView"),
    ...errorResponses(400, 404, 409, 412, 413, 415, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const materialContentRoute = createRoute({
  method: "get",
  path: `${base}/{meetingId}/materials/{materialId}/content`,
  tags: [MEETINGS_TAG],
  summary: "資料の内容 / A material's bytes",
  description: "現在の版を Kōmu 経由で（共有リンクなし）。 The current version, streamed through Kōmu.",
  security: BEARER_SECURITY,
  request: { params: MaterialParam },
  responses: {
    200: {
      description: "The bytes",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 404, 409, 503, ...AUTHENTICATED_ERRORS),
  },
});

export const distributeRoute = createRoute({
  method: "post",
  path: `${base}/{meetingId}/distribute`,
  tags: [MEETINGS_TAG],
  summary: "配布 / Distribute",
  description:
    "If-Match 必須。予定と Teams 会議、フォルダーの閲覧権限（招待 1 回）、出席者へのカード。 Calendar event, one folder invite, a card each.",
  security: BEARER_SECURITY,
  request: { params: MeetingParam, headers: IfMatchHeader },
  responses: {
    200: jsonAnswer("Distributed", "MeetingView"),
    ...errorResponses(400, 404, 409, 412, 422, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const recordReadRoute = createRoute({
  method: "post",
  path: `${base}/{meetingId}/materials/{materialId}/read`,
  tags: [MEETINGS_TAG],
  summary: "閲覧の記録 / Record reading",
  description: "出席者が見たページ。 The page an attendee looked at.",
  security: BEARER_SECURITY,
  request: { params: MaterialParam, body: jsonBody("ReadInput") },
  responses: { 204: { description: "Recorded" }, ...errorResponses(400, 404, 415, ...AUTHENTICATED_ERRORS) },
});

export const readStatusRoute = createRoute({
  method: "get",
  path: `${base}/{meetingId}/read-status`,
  tags: [MEETINGS_TAG],
  summary: "閲覧状況 / Read status",
  description: "出席者 × 資料: 開いたか、見たページ数（現在の版）。 Per attendee and material.",
  security: BEARER_SECURITY,
  request: { params: MeetingParam },
  responses: { 200: jsonAnswer("Status", "ReadStatusView"), ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS) },
});
