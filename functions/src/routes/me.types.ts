import { createRoute, z } from "@hono/zod-openapi";
import {
  AUTHENTICATED_ERRORS,
  BEARER_SECURITY,
  errorResponses,
  PrincipalKindSchema,
  RoleSchema,
} from "./common.types.js";

export const MeSchool = z
  .object({
    id: z.string().openapi({ example: "aoba-e" }),
    name: z.string().openapi({ example: "青葉小学校" }),
    roles: z.array(RoleSchema),
    staff: z.boolean(),
  })
  .openapi("MeSchool");

export const MeResponse = z
  .object({
    oid: z.string(),
    tenantId: z.string(),
    name: z.string().openapi({ example: "青葉 花子" }),
    upn: z.string().openapi({ example: "hanako.aoba@aoba-edu.example" }),
    kind: PrincipalKindSchema,
    roles: z.array(RoleSchema),
    schools: z.array(MeSchool),
  })
  .openapi("Me");

export const meRoute = createRoute({
  method: "get",
  path: "/api/me",
  tags: ["identity"],
  summary: "自分の情報 / The signed-in user",
  description: "サインイン中の利用者と、所属する学校・役割。 The caller with their schools and roles.",
  security: BEARER_SECURITY,
  responses: {
    200: { description: "OK", content: { "application/json": { schema: MeResponse } } },
    ...errorResponses(...AUTHENTICATED_ERRORS),
  },
});
