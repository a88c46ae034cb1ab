/**
 * OpenAPI shapes of the results routes. The contract is the shared zod schemas (@komu/shared
 * surveys/api.ts: ResultsView, ArchiveInput, ArchiveResult); handlers parse bodies with them.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "../../routes/common.types.js";

export const SURVEYS_TAG = "surveys";
export const SurveyParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" }),
  surveyId: z
    .string()
    .regex(/^[a-z0-9]{8,32}$/, "survey id")
    .openapi({ param: { name: "surveyId", in: "path" }, example: "s0m1x2y3z4" }),
});
const json = z.record(z.string(), z.unknown());
const jsonOf = (name: string) => ({
  description: name,
  content: { "application/json": { schema: json.openapi({ description: `@komu/shared ${name}` }) } },
});

export const resultsRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/results",
  tags: [SURVEYS_TAG],
  summary: "集計結果 / Results",
  description:
    "提出済みの回答だけを設問ごとに集計します（学級別は児童生徒・保護者アンケート）。5件未満の学級は内訳なし、無記名で5件未満なら何も表示しません。 Submitted answers per question, by class for students' and guardians' surveys; groups under 5 are not broken down; an anonymous survey under 5 shows nothing.",
  security: BEARER_SECURITY,
  request: { params: SurveyParam },
  responses: { 200: jsonOf("ResultsView"), ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS) },
});

export const exportRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/export",
  tags: [SURVEYS_TAG],
  summary: "回答を出力 / Export the responses",
  description:
    "CSV（UTF-8 BOM 付き、CRLF）または Excel。数式になりうる文字列は無効化します。無記名では氏名・番号を出さず、日付は日単位で、順序は内容順です。 CSV (UTF-8 with BOM) or Excel; formula-like text neutralised; anonymous surveys: no names or numbers, days only, rows sorted by content. Audited survey.exported.",
  security: BEARER_SECURITY,
  request: {
    params: SurveyParam,
    query: z.object({
      format: z
        .enum(["csv", "xlsx"])
        .default("csv")
        .openapi({ param: { name: "format", in: "query" } }),
    }),
  },
  responses: {
    200: {
      description: "The file",
      content: {
        "text/csv": { schema: z.string() },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
      },
    },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});

export const archiveRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/archive",
  tags: [SURVEYS_TAG],
  summary: "結果を学校文書に保存 / Archive the results to the records library",
  description:
    "締切後または終了後に、結果の Excel（回答と集計）を指定の分類で学校文書に登録します。再実行しても同じ記録を返します。 After the deadline or once closed, files the results workbook in the records library under the category; a retry returns the same record.",
  security: BEARER_SECURITY,
  request: {
    params: SurveyParam,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ categoryCode: z.string() }).openapi("ArchiveInput") } },
    },
  },
  responses: { 200: jsonOf("ArchiveResult"), ...errorResponses(400, 404, 409, 422, ...AUTHENTICATED_ERRORS) },
});
