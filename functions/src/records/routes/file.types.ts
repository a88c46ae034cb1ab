import { createRoute } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { RECORDS_TAG, SchoolParam } from "./common.types.js";
import { FileRecordBody, RecordViewSchema } from "./record.types.js";

export const fileRecordRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/records",
  tags: [RECORDS_TAG],
  summary: "文書の登録 / File a record",
  description:
    "一時保存したファイルを文書分類・年度つきで学校文書ライブラリに保存します。保存済みなら 201、処理中なら 202（status = filing）。 Files a staged upload with its metadata: 201 when stored in SharePoint, 202 while still being filed.",
  security: BEARER_SECURITY,
  request: {
    params: SchoolParam,
    body: { required: true, content: { "application/json": { schema: FileRecordBody } } },
  },
  responses: {
    201: { description: "Filed", content: { "application/json": { schema: RecordViewSchema } } },
    202: { description: "Being filed", content: { "application/json": { schema: RecordViewSchema } } },
    ...errorResponses(400, 404, 409, 422, 502, ...AUTHENTICATED_ERRORS),
  },
});
