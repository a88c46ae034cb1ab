/** OpenAPI shapes of the Forms import routes (contract: @komu/shared FormsRegisterInput, FormsSyncResult). */
import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "../../routes/common.types.js";
import { SURVEYS_TAG, SurveyParam } from "../results/routes.types.js";

const json = z.record(z.string(), z.unknown());
const jsonOf = (name: string) => ({
  description: name,
  content: { "application/json": { schema: json.openapi({ description: `@komu/shared ${name}` }) } },
});

export const formsRegisterRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/forms",
  tags: [SURVEYS_TAG],
  summary: "Microsoft Forms の回答ブックを登録 / Register a Microsoft Forms response workbook",
  description:
    "回答ブック（.xlsx、SharePoint/OneDrive の URL またはドライブ・アイテム ID）を利用者の権限で読み、列を確認し、設問を作り、対象者を書き込み、取り込みます。 Reads the workbook on behalf of the user, checks its columns, derives the questions, writes the recipients and imports the rows (FORMS_WORKBOOK_COLUMNS / FORMS_WORKBOOK_UNREADABLE: nothing recorded).",
  security: BEARER_SECURITY,
  request: {
    params: z.object({
      schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" }),
    }),
    body: {
      required: true,
      content: { "application/json": { schema: json.openapi({ description: "@komu/shared FormsRegisterInput" }) } },
    },
  },
  responses: { 201: jsonOf("SurveyView"), ...errorResponses(400, 404, 422, ...AUTHENTICATED_ERRORS) },
});

export const formsSyncRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/surveys/{surveyId}/forms-sync",
  tags: [SURVEYS_TAG],
  summary: "Forms の新しい回答を取り込む / Import new Forms responses",
  description:
    "前回より後の行（ID が大きい行）だけを取り込みます。列が登録時と違えば FORMS_WORKBOOK_COLUMNS（何も記録しません）。 Imports the rows after the last one read; columns differing from the registration: FORMS_WORKBOOK_COLUMNS, nothing recorded.",
  security: BEARER_SECURITY,
  request: { params: SurveyParam },
  responses: { 200: jsonOf("FormsSyncResult"), ...errorResponses(400, 404, 409, 422, ...AUTHENTICATED_ERRORS) },
});
