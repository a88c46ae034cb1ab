import { createRoute, z } from "@hono/zod-openapi";

export const HealthResponse = z
  .object({ status: z.literal("ok"), version: z.string().openapi({ example: "0.1.0" }) })
  .openapi("Health");

export const healthRoute = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["system"],
  summary: "稼働確認 / Health check",
  description: "認証不要。サーバーが応答できることを示します。 No authentication; tells that the server answers.",
  security: [],
  responses: {
    200: { description: "OK", content: { "application/json": { schema: HealthResponse } } },
  },
});
