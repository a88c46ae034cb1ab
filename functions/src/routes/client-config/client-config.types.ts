import { createRoute, z } from "@hono/zod-openapi";

export const ClientConfigResponse = z
  .object({
    clientId: z.string().openapi({ example: "8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b" }),
    tenantId: z.string().openapi({ example: "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31" }),
    authority: z.string().openapi({ example: "https://login.microsoftonline.com" }),
    authorityHttp: z.string().optional().openapi({ example: "http://localhost:7072" }),
    apiScope: z
      .string()
      .openapi({ example: "api://localhost:7071/8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b/access_as_user" }),
    env: z.enum(["local", "dev", "prod"]),
  })
  .openapi("ClientConfig");

export const clientConfigRoute = createRoute({
  method: "get",
  path: "/api/client-config",
  tags: ["system"],
  summary: "タブの設定 / Tab app settings",
  description:
    "認証不要。タブがサインインと API 呼び出しに使う公開情報（アプリ ID、テナント、認証機関、API スコープ）。秘密情報は含みません。 No authentication; the public identifiers the tab needs to sign in and call the API. No secrets.",
  security: [],
  responses: {
    200: { description: "OK", content: { "application/json": { schema: ClientConfigResponse } } },
  },
});
