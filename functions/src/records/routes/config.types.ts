import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { IfMatchHeader, RECORDS_TAG, SchoolParam } from "./common.types.js";

const Category = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().optional(),
  retention: z.enum(["1", "3", "5", "10", "20", "30", "permanent"]),
  trigger: z.enum(["closed", "graduation"]).optional(),
  classification: z.enum(["I", "II", "III", "IV"]),
  topic: z.enum(["health"]).optional(),
  basis: z.string().optional(),
  retired: z.boolean().optional(),
});
const SchoolKindSchema = z.enum(["elementary", "juniorHigh", "board"]);
export const FilePlanBody = z
  .object({ schoolKind: SchoolKindSchema, categories: z.array(Category).min(1).max(400) })
  .openapi("FilePlan");
export const FilePlanViewSchema = z
  .object({ schoolId: z.string(), plan: FilePlanBody, etag: z.string(), updatedAt: z.string() })
  .openapi("FilePlanView");

const NumberFormats = z.object({ receipt: z.string(), dispatch: z.string() });
export const SettingsBody = z
  .object({ schoolKind: SchoolKindSchema, abbreviation: z.string(), numberFormats: NumberFormats })
  .openapi("RecordsSettingsInput");
export const SettingsViewSchema = z
  .object({
    schoolId: z.string(),
    schoolKind: SchoolKindSchema,
    abbreviation: z.string(),
    numberFormats: NumberFormats,
    library: z.object({ webUrl: z.string().nullable(), provisionedAt: z.string() }).nullable(),
    etag: z.string(),
    updatedAt: z.string(),
  })
  .openapi("RecordsSettings");

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

export const getFilePlanRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/records/file-plan",
  tags: [RECORDS_TAG],
  summary: "文書分類表 / The file plan",
  security: BEARER_SECURITY,
  request: { params: SchoolParam },
  responses: {
    200: { description: "OK", ...json(FilePlanViewSchema) },
    ...errorResponses(400, 409, ...AUTHENTICATED_ERRORS),
  },
});

export const putFilePlanRoute = createRoute({
  method: "put",
  path: "/api/schools/{schoolId}/records/file-plan",
  tags: [RECORDS_TAG],
  summary: "文書分類表の更新 / Replace the file plan",
  description:
    "If-Match 必須。文書のある分類は削除できません（廃止にします）。 If-Match required; a category that holds records may be retired, not deleted.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, headers: IfMatchHeader, body: { required: true, ...json(FilePlanBody) } },
  responses: {
    200: { description: "OK", ...json(FilePlanViewSchema) },
    ...errorResponses(400, 409, 412, ...AUTHENTICATED_ERRORS),
  },
});

export const getSettingsRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/records/settings",
  tags: [RECORDS_TAG],
  summary: "学校文書の設定 / Records settings",
  security: BEARER_SECURITY,
  request: { params: SchoolParam },
  responses: {
    200: { description: "OK", ...json(SettingsViewSchema) },
    ...errorResponses(400, 409, ...AUTHENTICATED_ERRORS),
  },
});

export const putSettingsRoute = createRoute({
  method: "put",
  path: "/api/schools/{schoolId}/records/settings",
  tags: [RECORDS_TAG],
  summary: "学校文書の設定の更新 / Update records settings",
  description: "略称と番号の書式。If-Match 必須。 Abbreviation and number formats; If-Match required.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, headers: IfMatchHeader, body: { required: true, ...json(SettingsBody) } },
  responses: {
    200: { description: "OK", ...json(SettingsViewSchema) },
    ...errorResponses(400, 409, 412, ...AUTHENTICATED_ERRORS),
  },
});

export const ProvisionBody = z
  .object({
    abbreviation: z.string().trim().min(1).max(12).optional(),
    kind: SchoolKindSchema.optional(),
    dryRun: z.boolean().optional(),
  })
  .openapi("ProvisionInput");
export const ProvisionReportSchema = z
  .object({
    schoolId: z.string(),
    dryRun: z.boolean(),
    site: z.object({ id: z.string(), path: z.string() }),
    library: z.enum(["created", "existing", "wouldCreate"]),
    columnsAdded: z.array(z.string()),
    fiscalYear: z.number().int(),
    foldersCreated: z.number().int(),
    settings: z.enum(["created", "updated", "unchanged", "wouldCreate", "wouldUpdate"]),
    filePlan: z.enum(["created", "existing", "wouldCreate"]),
    graphCalls: z.number().int(),
    resourceUnits: z.number().int(),
  })
  .openapi("ProvisionReport");

export const provisionRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/records/provision",
  tags: [RECORDS_TAG],
  summary: "学校文書ライブラリの準備 / Provision the records library",
  description:
    "何度実行しても同じ結果になります（2 回目は読み取りのみ）。 Idempotent: a second run only reads. Administrators only.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, body: { required: false, ...json(ProvisionBody) } },
  responses: {
    200: { description: "OK", ...json(ProvisionReportSchema) },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});
