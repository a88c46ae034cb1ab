import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { RECORDS_TAG, RecordParam } from "./common.types.js";
import { RecordViewSchema } from "./record.types.js";

export const getRecordRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/records/{recordId}",
  tags: [RECORDS_TAG],
  summary: "文書の詳細 / A record",
  description: "重要性分類 I・II の閲覧は監査ログに記録されます。 Reads of class I/II records are audited.",
  security: BEARER_SECURITY,
  request: { params: RecordParam },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: RecordViewSchema } } },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});

export const contentRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/records/{recordId}/content",
  tags: [RECORDS_TAG],
  summary: "文書ファイルのダウンロード / Download a record's file",
  description:
    "ファイルは Kōmu を通して送られます（共有リンクは作りません）。 The bytes are streamed through Kōmu (no sharing link).",
  security: BEARER_SECURITY,
  request: { params: RecordParam },
  responses: {
    200: {
      description: "The file",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 404, 409, ...AUTHENTICATED_ERRORS),
  },
});
