/** OpenAPI shapes shared by the roster routes (@hono/zod-openapi's `z`). */
import { z } from "@hono/zod-openapi";
import { SchoolIdSchema } from "../../routes/common.types.js";

export const ROSTER_TAG = "roster";
export const SchoolParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" }),
});
