/**
 * OpenAPI shapes of the surveys routes. The contract itself is the shared zod schemas
 * (@komu/shared surveys/api.ts): handlers parse bodies with them (VALIDATION_FAILED) and build the
 * answers from them; here they are declared with @hono/zod-openapi's `z` for the docs.
 */
import { z } from "@hono/zod-openapi";
import { SchoolIdSchema } from "../../routes/common.types.js";

export const SURVEYS_TAG = "surveys";
export const SchoolParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-j" }),
});
export const SurveyParam = SchoolParam.extend({
  surveyId: z
    .string()
    .regex(/^[a-z0-9]{8,32}$/, "survey id")
    .openapi({ param: { name: "surveyId", in: "path" }, example: "smg1x2y3z0a1b2c3d4e" }),
});
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "if-match", in: "header" } }),
});
export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "idempotency-key", in: "header" } }),
});

const json = z.record(z.string(), z.unknown());
/** A JSON body checked by the handler against the shared schema named in the description. */
export const jsonBody = (schemaName: string) => ({
  required: true,
  content: { "application/json": { schema: json.openapi({ description: `@komu/shared ${schemaName}` }) } },
});
export const jsonAnswer = (description: string, schemaName: string) => ({
  description,
  content: { "application/json": { schema: json.openapi({ description: `@komu/shared ${schemaName}` }) } },
});
