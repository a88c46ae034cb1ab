import { createRoute, z } from "@hono/zod-openapi";
import { RecordStatus } from "@komu/shared";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { RECORDS_TAG, SchoolParam } from "./common.types.js";
import { RecordViewSchema } from "./record.types.js";

export const ListQuery = z.object({
  fiscalYear: z.coerce.number().int().min(1989).max(2200).optional(),
  categoryCode: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{0,3}(-[0-9]{2}){0,2}$/)
    .optional(),
  number: z.string().trim().max(60).optional().openapi({ description: "文書番号・受付番号（全体または番号のみ）" }),
  q: z.string().trim().max(200).optional().openapi({ description: "語（件名・ファイル名・備考・作成者・番号、全文）" }),
  person: z.string().trim().max(100).optional(),
  status: z.enum(RecordStatus.options).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

export const RecordPageSchema = z
  .object({
    items: z.array(RecordViewSchema),
    nextCursor: z.string().nullable(),
    searched: z.enum(["index", "fulltext"]),
  })
  .openapi("RecordPage");

export const listRecordsRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/records",
  tags: [RECORDS_TAG],
  summary: "文書の一覧・検索 / List and search records",
  description:
    "年度・分類・番号・作成者・語で絞り込み、新しい順。閲覧できない文書は含まれません。q があれば全文検索も使います。 Newest first; records the caller may not read are left out; with q, Graph search adds full-text hits.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, query: ListQuery },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: RecordPageSchema } } },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});
