/** Path parameters and shared OpenAPI bits of the records routes. */
import { z } from "@hono/zod-openapi";
import { SchoolIdSchema } from "../../routes/common.types.js";

export const RECORDS_TAG = "records";
export const SchoolParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" }),
});
export const RecordParam = SchoolParam.extend({
  recordId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._~@+=-]{0,199}$/, "record id")
    .openapi({ param: { name: "recordId", in: "path" }, example: "r8235473012345-1a2b3c4d" }),
});
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "if-match", in: "header" } }),
});
