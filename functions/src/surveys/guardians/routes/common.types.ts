/** OpenAPI shapes of the guardians' routes (@hono/zod-openapi's `z`; the contract is @komu/shared's). */
import { z } from "@hono/zod-openapi";
import { SchoolIdSchema } from "../../../routes/common.types.js";

export const GUARDIANS_TAG = "surveys (guardians)";

export const SurveyParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" }),
  surveyId: z
    .string()
    .regex(/^[a-z0-9]{8,32}$/, "survey id")
    .openapi({ param: { name: "surveyId", in: "path" }, example: "s0m1x2y3z4a5" }),
});

export const RecipientParam = SurveyParam.extend({
  key: z
    .string()
    .regex(/^g-[A-Za-z0-9_-]{1,76}$/, "guardian recipient key (g-<保護者番号>-<学籍番号>)")
    .openapi({ param: { name: "key", in: "path" }, example: "g-100001-2024001" }),
});

/** The token is checked by the handler (a malformed one is SURVEY_LINK_INVALID, not a 400 of the schema). */
export const TokenParam = z.object({
  token: z
    .string()
    .max(1000)
    .openapi({ param: { name: "token", in: "path" }, example: "v1.eyJzIjoiYW9iYS1lIn0.c2lnbmF0dXJl" }),
});

const json = z.record(z.string(), z.unknown());

export const GuardianLinkSchema = z
  .object({
    key: z.string(),
    guardianName: z.string(),
    relationship: z.string(),
    childName: z.string(),
    grade: z.number().int(),
    class: z.number().int(),
    number: z.number().int(),
    url: z.string(),
    qrSvg: z.string().openapi({ description: "QR コード（SVG） / the URL as a QR code (SVG markup)" }),
    submitted: z.boolean(),
    claimed: z.boolean().openapi({ description: "端末で開かれた / opened (claimed) on a device" }),
  })
  .openapi("GuardianLink");

export const GuardianLinksSchema = z
  .object({ items: z.array(GuardianLinkSchema), deadline: z.string(), title: z.string() })
  .openapi("GuardianLinks");

export const GuardianResponseSchema = z
  .object({
    survey: json.openapi({ description: "@komu/shared SurveyForRespondent (no owner, audience or counts)" }),
    about: z.string().optional().openapi({ example: "1年1組 和田 澪 さんについて" }),
    answers: json,
    status: z.enum(["none", "partial", "submitted"]),
    submittedAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    etag: z.string().optional(),
  })
  .openapi("GuardianSurveyResponse");

export const ResponseInputBody = {
  required: true,
  content: {
    "application/json": {
      schema: json.openapi({ description: "@komu/shared ResponseInput { answers, submit }" }),
    },
  },
};
