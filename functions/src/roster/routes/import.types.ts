import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { ROSTER_TAG, SchoolParam } from "./common.types.js";

/** Largest export accepted (a school's roster is ~1,500 rows, well under 1 MB). */
export const ROSTER_CSV_MAX_BYTES = 5 * 1024 * 1024;

const Counts = {
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deactivated: z
    .number()
    .int()
    .openapi({ description: "出力から消えて在籍外にした数 / rows the export no longer has" }),
};

export const RosterImportReportSchema = z
  .object({
    schoolId: z.string(),
    students: z
      .object({
        ...Counts,
        matched: z
          .number()
          .int()
          .openapi({ description: "Entra のアカウントと照合できた数 / matched to an Entra user" }),
        unmatched: z.number().int(),
      })
      .nullable(),
    guardians: z.object(Counts).nullable(),
  })
  .openapi("RosterImportReport");

const csvBody = (what: string) => ({
  required: true,
  content: {
    "text/csv": {
      schema: z.string().openapi({
        format: "binary",
        description: `${what} UTF-8（BOM 可）または Shift_JIS、5 MB まで。 UTF-8 (with or without BOM) or Shift_JIS, ≤ 5 MB.`,
      }),
    },
  },
});

const importRoute = (file: "students" | "guardians", summary: string, what: string, description: string) =>
  createRoute({
    method: "put",
    path: `/api/schools/{schoolId}/roster/${file}`,
    tags: [ROSTER_TAG],
    summary,
    description,
    security: BEARER_SECURITY,
    request: {
      params: SchoolParam,
      query: z.object({
        confirmDeactivation: z.enum(["true", "false"]).optional().openapi({
          description:
            "在籍中の 1/5 を超える行が在籍外になる取り込みを確認済みとして行う / confirm an import that deactivates more than a fifth of the active rows",
        }),
      }),
      body: csvBody(what),
    },
    responses: {
      200: { description: "Imported", content: { "application/json": { schema: RosterImportReportSchema } } },
      ...errorResponses(400, 404, 413, 422, ...AUTHENTICATED_ERRORS),
    },
  });

export const importStudentsRoute = importRoute(
  "students",
  "児童生徒名簿の取り込み / Import the students",
  "校務支援システムの児童生徒 CSV（学籍番号,学校コード,学年,組,出席番号,姓,名,姓カナ,名カナ,…）。",
  "学校全体の出力をそのまま送ります。誤りが一つでもあれば何も変えず、行と列を示します（422 ROSTER_CSV_INVALID）。出力にない児童生徒は在籍外になります（削除はしません）。同じ CSV をもう一度送っても何も変わりません。 The school's whole export: any error refuses all of it and names the rows; students missing from it become inactive (never deleted); the same CSV again changes nothing.",
);

export const importGuardiansRoute = importRoute(
  "guardians",
  "保護者名簿の取り込み / Import the guardians",
  "校務支援システムの保護者 CSV（保護者番号,学籍番号,続柄,姓,名,姓カナ,名カナ,連絡先メール）。",
  "児童生徒は名簿に在籍している必要があります（先に児童生徒を取り込みます）。誤りが一つでもあれば何も変えません。出力にない保護者は在籍外になります。 Every child must be an active student of the roster (import students first); any error refuses all; guardians missing from the export become inactive.",
);
