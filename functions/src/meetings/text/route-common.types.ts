/**
 * OpenAPI shapes shared by engineer M2's meetings routes. The contract is the shared zod schemas
 * (@komu/shared meetings/api.ts): handlers parse bodies with them; here they are declared for the docs.
 */
import { z } from "@hono/zod-openapi";
import { SchoolIdSchema } from "../../routes/common.types.js";

export const MEETINGS_TAG = "meetings";
export const MeetingParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-j" }),
  meetingId: z
    .string()
    .regex(/^[a-z0-9]{8,32}$/, "meeting id")
    .openapi({ param: { name: "meetingId", in: "path" }, example: "mtg1x2y3z0a1b2c3" }),
});
export const MaterialParam = MeetingParam.extend({
  materialId: z
    .string()
    .regex(/^[a-z0-9]{4,32}$/, "material id")
    .openapi({ param: { name: "materialId", in: "path" }, example: "mat1a2b3c" }),
});
export const ActionItemParam = MeetingParam.extend({
  actionItemId: z
    .string()
    .regex(/^[a-z0-9]{1,16}$/, "action item id")
    .openapi({ param: { name: "actionItemId", in: "path" }, example: "ai1" }),
});
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "if-match", in: "header" } }),
});

const json = z.record(z.string(), z.unknown());
export const jsonBody = (schemaName: string) => ({
  required: true,
  content: { "application/json": { schema: json.openapi({ description: `@komu/shared ${schemaName}` }) } },
});
export const jsonAnswer = (description: string, schemaName: string) => ({
  description,
  content: { "application/json": { schema: json.openapi({ description: `@komu/shared ${schemaName}` }) } },
});
