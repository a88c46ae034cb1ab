import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { RECORDS_TAG, SchoolParam } from "./common.types.js";

export const UploadViewSchema = z
  .object({
    uploadId: z.string(),
    fileName: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    mimeType: z.string(),
    expiresAt: z.string(),
  })
  .openapi("RecordUpload");

export const uploadRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/records/uploads",
  tags: [RECORDS_TAG],
  summary: "ファイルの一時保存 / Stage a file for filing",
  description:
    "本文はファイルそのもの（任意の Content-Type）、ファイル名は X-Komu-File-Name（UTF-8 をパーセントエンコード）。中身で種類を判定し、24 時間保管します。 The body is the file's bytes (any Content-Type); its name goes in X-Komu-File-Name (percent-encoded UTF-8). The type is checked from the content; the file is kept 24 hours until filed.",
  security: BEARER_SECURITY,
  request: {
    params: SchoolParam,
    headers: z.object({
      "x-komu-file-name": z
        .string()
        .max(2000)
        .openapi({ param: { name: "x-komu-file-name", in: "header" } }),
    }),
    body: {
      required: true,
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
  },
  responses: {
    201: { description: "Staged", content: { "application/json": { schema: UploadViewSchema } } },
    ...errorResponses(400, 404, 409, 413, 415, ...AUTHENTICATED_ERRORS),
  },
});
