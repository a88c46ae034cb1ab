import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { IfMatchHeader, RECORDS_TAG, RecordParam } from "./common.types.js";
import { RecordViewSchema } from "./record.types.js";

export const VersionSchema = z
  .object({
    id: z.string(),
    size: z.number().int(),
    lastModifiedAt: z.string(),
    lastModifiedBy: z.string().nullable(),
  })
  .openapi("RecordVersion");

export const listVersionsRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/records/{recordId}/versions",
  tags: [RECORDS_TAG],
  summary: "文書の版 / Versions of a record",
  security: BEARER_SECURITY,
  request: { params: RecordParam },
  responses: {
    200: {
      description: "Newest first",
      content: { "application/json": { schema: z.object({ items: z.array(VersionSchema) }) } },
    },
    ...errorResponses(400, 404, 409, ...AUTHENTICATED_ERRORS),
  },
});

export const addVersionRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/records/{recordId}/versions",
  tags: [RECORDS_TAG],
  summary: "新しい版の登録 / Add a new version",
  description:
    "If-Match に文書の etag を指定します。 Send the record's etag in If-Match; 201 when SharePoint has the new version, 202 while it is being written.",
  security: BEARER_SECURITY,
  request: {
    params: RecordParam,
    headers: IfMatchHeader,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ uploadId: z.string().min(1).max(64) }) } },
    },
  },
  responses: {
    201: { description: "Stored", content: { "application/json": { schema: RecordViewSchema } } },
    202: { description: "Being stored", content: { "application/json": { schema: RecordViewSchema } } },
    ...errorResponses(400, 404, 409, 412, 415, ...AUTHENTICATED_ERRORS),
  },
});
