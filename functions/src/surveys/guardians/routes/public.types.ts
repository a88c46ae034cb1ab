import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../../../routes/common.types.js";
import { GUARDIANS_TAG, GuardianResponseSchema, ResponseInputBody, TokenParam } from "./common.types.js";

const PUBLIC = { security: [] as Record<string, string[]>[] };
const LINK_ERRORS = errorResponses(400, 403, 409, 410, 429);

export const guardianPageRoute = createRoute({
  method: "get",
  path: "/api/public/s/{token}",
  tags: [GUARDIANS_TAG],
  summary: "保護者の回答ページ / A guardian's survey page",
  description:
    "リンクのトークンで開く、スマートフォン向けの回答ページ（HTML）。最初に開いた端末だけが使えます（Cookie）。 The mobile page a guardian opens from their link (HTML); only the first device that opens it may use it (a cookie).",
  ...PUBLIC,
  request: { params: TokenParam, query: z.object({ c: z.enum(["1"]).optional() }) },
  responses: {
    200: { description: "The page", content: { "text/html": { schema: z.string() } } },
    400: { description: "SURVEY_LINK_INVALID (a page)", content: { "text/html": { schema: z.string() } } },
    409: { description: "SURVEY_CLOSED (a page)", content: { "text/html": { schema: z.string() } } },
    410: {
      description: "SURVEY_LINK_USED / SURVEY_LINK_EXPIRED (a page saying what to do)",
      content: { "text/html": { schema: z.string() } },
    },
  },
});

export const guardianScriptRoute = createRoute({
  method: "get",
  path: "/api/public/s.js",
  tags: [GUARDIANS_TAG],
  summary: "回答ページのスクリプト / The page's script",
  ...PUBLIC,
  responses: { 200: { description: "JavaScript", content: { "text/javascript": { schema: z.string() } } } },
});

export const guardianStyleRoute = createRoute({
  method: "get",
  path: "/api/public/s.css",
  tags: [GUARDIANS_TAG],
  summary: "回答ページのスタイル / The page's stylesheet",
  ...PUBLIC,
  responses: { 200: { description: "CSS", content: { "text/css": { schema: z.string() } } } },
});

export const guardianGetResponseRoute = createRoute({
  method: "get",
  path: "/api/public/surveys/{token}",
  tags: [GUARDIANS_TAG],
  summary: "保護者の回答の取得 / A guardian's survey and answers",
  description:
    "最初の呼び出しでリンクをこの端末のものにし、Cookie を設定します。ほかの端末からは 410 SURVEY_LINK_USED。 The first call claims the link for this device (sets a cookie); other devices get 410 SURVEY_LINK_USED.",
  ...PUBLIC,
  request: { params: TokenParam },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: GuardianResponseSchema } } },
    ...LINK_ERRORS,
  },
});

export const guardianPutResponseRoute = createRoute({
  method: "put",
  path: "/api/public/surveys/{token}",
  tags: [GUARDIANS_TAG],
  summary: "保護者の回答の保存・送信 / Save or submit a guardian's answers",
  description:
    "submit=false で一時保存、true で送信（締切までは変更可）。Content-Type: application/json と X-Komu-Link: 1 が必要です。誤りがあれば何も保存せず 400 SURVEY_ANSWER_INVALID。 submit=false saves a draft, true submits (editable until the deadline). Needs Content-Type: application/json and X-Komu-Link: 1. Invalid answers: nothing saved, 400 SURVEY_ANSWER_INVALID.",
  ...PUBLIC,
  request: {
    params: TokenParam,
    headers: z.object({
      "x-komu-link": z
        .string()
        .max(10)
        .optional()
        .openapi({ param: { name: "x-komu-link", in: "header" } }),
    }),
    body: ResponseInputBody,
  },
  responses: {
    200: { description: "Saved", content: { "application/json": { schema: GuardianResponseSchema } } },
    ...errorResponses(400, 403, 409, 410, 413, 415, 429),
  },
});
