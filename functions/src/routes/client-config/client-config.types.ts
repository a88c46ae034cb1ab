import { z } from "@hono/zod-openapi";

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
    /** Live Share outside Teams (local): the Fluid relay and the per-meeting container map. */
    liveShare: z
      .object({
        relayUrl: z.string().openapi({ example: "http://localhost:7070" }),
        containersUrl: z.string().openapi({ example: "http://127.0.0.1:41234/containers" }),
      })
      .optional(),
  })
  .openapi("ClientConfig");

/** Served outside /api: bootstrap settings for the tab, not part of the API (no token can exist yet). */
export const CLIENT_CONFIG_PATH = "/client-config.json";
