import { createRoute } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { jsonAnswer, MaterialParam, MEETINGS_TAG } from "./route-common.types.js";

export const materialTextRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/meetings/{meetingId}/materials/{materialId}/text",
  tags: [MEETINGS_TAG],
  summary: "資料のページごとの文字 / A material's text per page",
  description:
    "現在の版の各ページの文字（pdf.js で抽出）。検索とメモの位置合わせに使います。出席者のみ。 Each page's text of the current version, for search and note anchoring. Attendees only.",
  security: BEARER_SECURITY,
  request: { params: MaterialParam },
  responses: {
    200: jsonAnswer("Text per page", "MaterialText"),
    ...errorResponses(400, 404, 409, ...AUTHENTICATED_ERRORS),
  },
});
