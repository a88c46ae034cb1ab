import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "./common.types.js";

export const SchoolSchema = z
  .object({ id: z.string().openapi({ example: "aoba-e" }), name: z.string().openapi({ example: "青葉小学校" }) })
  .openapi("School");

export const SchoolList = z.object({ items: z.array(SchoolSchema) }).openapi("SchoolList");

export const SchoolIdParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" }),
});

export const listSchoolsRoute = createRoute({
  method: "get",
  path: "/api/schools",
  tags: ["schools"],
  summary: "見られる学校の一覧 / Schools the caller may see",
  description:
    "所属校（教育委員会・管理者は町内の全校）。 One's own schools; the board and administrators see every school of the town.",
  security: BEARER_SECURITY,
  responses: {
    200: { description: "OK", content: { "application/json": { schema: SchoolList } } },
    ...errorResponses(...AUTHENTICATED_ERRORS),
  },
});

export const getSchoolRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}",
  tags: ["schools"],
  summary: "学校の基本情報 / A school",
  description: "他校の情報は見られません（403）。 Another school's information is refused (403).",
  security: BEARER_SECURITY,
  request: { params: SchoolIdParam },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: SchoolSchema } } },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});
