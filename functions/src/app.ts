/**
 * The API host: one Hono app (@hono/zod-openapi) serving every /api route, the same in Azure
 * Functions (azure/index.ts) and locally (local/server.ts). Order of work for a request:
 *   request id → security headers → guard (404/405, bearer token + principal, body policy) →
 *   zod validation (default hook → 400 with fields) → thin route handler → error renderer.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { KomuError } from "@komu/shared";
import { requestId } from "hono/request-id";
import type { AppDeps } from "./deps.js";
import { recordDenied } from "./http/audit-denied.js";
import { renderDocsPage } from "./http/docs-page.js";
import { createErrorHandler } from "./http/errors.js";
import { createGuard } from "./http/guard.js";
import { createRouteTable } from "./http/route-table.js";
import { apiSecurityHeaders } from "./http/security-headers.js";
import type { Endpoint, KomuApp, KomuEnv } from "./http/types.js";
import { validationHook } from "./http/validation.js";
import { registerClientConfig } from "./routes/client-config/client-config.js";
import { coreEndpoints } from "./routes/index.js";
import { idempotencyMiddleware } from "./storage/idempotency-middleware.js";

export interface CreateAppOptions {
  /** The endpoints to serve; default `coreEndpoints`. Modules pass `[...coreEndpoints, ...theirs]`. */
  endpoints?: readonly Endpoint[];
}

export const OPENAPI_PATH = "/api/openapi.json";
export const DOCS_PATH = "/api/docs";

export function createApp(deps: AppDeps, options: CreateAppOptions = {}): KomuApp {
  const endpoints = options.endpoints ?? coreEndpoints;
  const app: KomuApp = new OpenAPIHono<KomuEnv>({ defaultHook: (result) => validationHook(result) });
  const table = createRouteTable(endpoints, [
    { method: "GET", path: OPENAPI_PATH, auth: "public" },
    { method: "GET", path: DOCS_PATH, auth: "public" },
  ]);
  const challenge = { authorizationUri: `${deps.config.authorityHost}/${deps.config.tenantId}/oauth2/v2.0/authorize` };

  app.use(
    "*",
    requestId({
      headerName: "X-Request-Id",
      generator: () => crypto.randomUUID(),
    }),
  );
  app.use("/api/*", apiSecurityHeaders({ hsts: deps.config.env !== "local" }));
  app.use("/api/*", createGuard(deps, table));
  // Retried writes (Idempotency-Key on POST/PATCH/PUT/DELETE) get the first answer, scoped to the
  // signed-in caller; public routes (the bot's activities) have no caller and are not keyed.
  const idempotency = idempotencyMiddleware(deps.storage);
  app.use("/api/*", async (c, next) => (c.get("principal") ? idempotency(c, next) : next()));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "Entra ID アクセストークン（aud = Kōmu の API）。 An Entra ID access token for Kōmu's API.",
  });
  for (const endpoint of endpoints) endpoint.register(app, deps);

  const document = () =>
    app.getOpenAPIDocument({
      openapi: "3.0.3",
      info: {
        title: "Kōmu API",
        version: deps.version,
        description: "青葉町の校務 API。 School administration API of the town.",
      },
      servers: [{ url: "/" }],
      security: [{ bearerAuth: [] }],
    });
  app.get(OPENAPI_PATH, (c) => c.json(document()));
  registerClientConfig(app, deps.config);
  app.get(DOCS_PATH, (c) => {
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(renderDocsPage(document() as unknown as Record<string, unknown>));
  });

  app.notFound((c) => c.json(new KomuError("NOT_FOUND").toBody(c.get("requestId")), 404));
  app.onError(createErrorHandler(deps.logger, challenge, recordDenied(deps)));
  return app;
}
