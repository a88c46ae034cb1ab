/** OpenAPI routes of the 収受・発送簿 (schemas: shared/src/records/api.ts). */
import { createRoute, z } from "@hono/zod-openapi";
import { RegisterEntryInput, RegisterEntryView, VoidEntryInput } from "@komu/shared";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "../../../routes/common.types.js";
import { MAX_SERIAL } from "../ids.js";

const TAGS = ["records"];

const schoolId = SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" });
const register = z
  .enum(["receipt", "dispatch"])
  .openapi({ param: { name: "register", in: "path" }, description: "receipt 収受簿 / dispatch 発送簿" });
const fiscalYear = z.coerce.number().int().min(1989).max(2200);

export const RegisterParams = z.object({ schoolId, register });
export const EntryParams = z.object({
  schoolId,
  register,
  fiscalYear: fiscalYear.openapi({ param: { name: "fiscalYear", in: "path" }, example: 2026 }),
  serial: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_SERIAL)
    .openapi({ param: { name: "serial", in: "path" }, example: 12 }),
});
export const FiscalYearQuery = z.object({
  fiscalYear: fiscalYear.optional().openapi({
    param: { name: "fiscalYear", in: "query" },
    example: 2026,
    description: "既定は今年度 / default: this 年度",
  }),
});
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "if-match", in: "header" }, description: "ETag of the item (RFC 9110 If-Match)" }),
});

export const RegisterEntryList = z
  .object({ fiscalYear: z.number().int(), items: z.array(RegisterEntryView) })
  .openapi("RegisterEntryList");

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

export const createEntryRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/registers/{register}",
  tags: TAGS,
  summary: "収受・発送の登録（番号の取得） / Register a document and take its number",
  description:
    "受付番号（収受）・文書番号（発送）を年度ごとに欠番なく付けます。uploadId があれば文書をその番号で保存します。保存に失敗した番号は理由付きで取消になります。事務職員・校長・教頭・教務主任。 " +
    "Gives the next 受付番号/文書番号 of the 年度 (gapless, safe under concurrency); with an uploadId the document is filed as a record carrying the number. A number whose filing fails is voided with the reason. Clerks, principal, vice principal, head teacher.",
  security: BEARER_SECURITY,
  request: { params: RegisterParams, body: { content: json(RegisterEntryInput), required: true } },
  responses: {
    201: { description: "Registered", content: json(RegisterEntryView) },
    ...errorResponses(400, 404, 409, 413, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const listEntriesRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/registers/{register}",
  tags: TAGS,
  summary: "収受簿・発送簿 / A register year",
  description:
    "番号順。重要性分類 I・II の件名・相手先は必要のある職員にだけ表示します。 In serial order; subjects and counterparts of class I/II lines are shown only to staff with a need.",
  security: BEARER_SECURITY,
  request: { params: RegisterParams, query: FiscalYearQuery },
  responses: {
    200: { description: "OK", content: json(RegisterEntryList) },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});

export const voidEntryRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/registers/{register}/{fiscalYear}/{serial}/void",
  tags: TAGS,
  summary: "番号の取消 / Void a number",
  description:
    "理由を付けて番号を取り消します（If-Match 必須）。文書が保存済みの番号は取り消せません（409 REGISTER_ENTRY_FINAL）。 Voids a number with a reason (If-Match required); a number whose document is filed is final.",
  security: BEARER_SECURITY,
  request: {
    params: EntryParams,
    headers: IfMatchHeader,
    body: { content: json(VoidEntryInput), required: true },
  },
  responses: {
    200: { description: "Voided", content: json(RegisterEntryView) },
    ...errorResponses(400, 404, 409, 412, 428, ...AUTHENTICATED_ERRORS),
  },
});

export const exportRegisterRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/registers/{register}/export",
  tags: TAGS,
  summary: "Excel に出力 / Export a register year to Excel",
  description:
    "表題行・日本語見出し・和暦と ISO の日付。値はすべて文字列として書き出します（数式になりません）。 Title row, Japanese headers, 和暦 and ISO dates; every value is written as text (never a formula).",
  security: BEARER_SECURITY,
  request: { params: RegisterParams, query: FiscalYearQuery },
  responses: {
    200: {
      description: "The workbook",
      content: {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
      },
    },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});
