/**
 * The local Microsoft 365 tenant: one Hono app on one port speaking HTTPS and HTTP.
 * Composes the core (request ids, CORS, stats, errors, identity, limits, faults, admin) with the
 * route modules (graph/directory, graph/batch, graph/sharepoint, graph/calendar, graph/workbook,
 * graph/teamwork, bot, teams), loads the seed on first start and persists the store to dataDir.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { getRequestListener } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { DevTls } from "../devca.js";
import * as bot from "./bot/index.js";
import {
  BOT_APP_ID,
  BOT_PASSWORD,
  DEFAULT_KOMU_ORIGIN,
  DEV_PASSWORD,
  KOMU_CLIENT_ID,
  KOMU_CLIENT_SECRET,
  komuAppIdUri,
  LOCAL_TENANT_ID,
} from "./constants.js";
import { GraphError, type TenantApp, type TenantConfig, type TenantContext, type TenantVariables } from "./context.js";
import * as batch from "./graph/batch.js";
import * as calendar from "./graph/calendar/index.js";
import * as directory from "./graph/directory/index.js";
import { graphErrorBody } from "./graph/errors.js";
import * as sharepoint from "./graph/sharepoint/index.js";
import { ensureSite } from "./graph/sharepoint/model.js";
import * as teamwork from "./graph/teamwork/index.js";
import * as workbook from "./graph/workbook/index.js";
import { registerAdmin } from "./http/admin.js";
import { tenantCors } from "./http/cors.js";
import { faultMiddleware } from "./http/faults.js";
import { listenDual } from "./http/listen.js";
import { clientRequestIdOf, requestIds } from "./http/request-id.js";
import { statsMiddleware } from "./http/stats.js";
import { graphAuth } from "./identity/graph-auth.js";
import * as identity from "./identity/index.js";
import { KeyRing } from "./identity/keys.js";
import { attachKeyRing } from "./identity/registry.js";
import { createLimits } from "./limits/index.js";
import { createStats } from "./limits/stats.js";
import { loadSeed } from "./seed/load.js";
import { createStore } from "./store.js";
import * as teams from "./teams/index.js";

export interface StartTenantOptions {
  /** 0 = a free port (tests). Default 7072. */
  port?: number;
  tls: DevTls;
  tenantId?: string;
  /** Kōmu's origin (tabs, CORS). Default http://localhost:7071 */
  komuOrigin?: string;
  /** Kōmu's POST /api/messages. Default `${komuOrigin}/api/messages` */
  botMessagingEndpoint?: string;
  /** Absent: in memory only. */
  dataDir?: string;
  throttle?: "documented" | "off";
  faultRate?: number;
  devPassword?: string;
  /** Load the demo town when the store has no users (default true). */
  seed?: boolean;
  /** Extra route modules (tests), mounted under /v1.0 like the Graph modules. */
  graphModules?: ((app: TenantApp, ctx: TenantContext) => void)[];
  /** Random source for fault injection (tests). */
  random?: () => number;
  now?: () => Date;
  /** Log unexpected errors (default console.error). */
  onError?: (error: unknown) => void;
}

export interface RunningTenant {
  ctx: TenantContext;
  /** https://localhost:<port> */
  origin: string;
  /** http://localhost:<port> */
  httpOrigin: string;
  issuer: string;
  tenantId: string;
  port: number;
  stop(): Promise<void>;
}

type Listener = ReturnType<typeof getRequestListener>;

export async function startTenant(options: StartTenantOptions): Promise<RunningTenant> {
  let listener: Listener | undefined;
  const server = await listenDual({
    port: options.port ?? 7072,
    cert: options.tls.cert,
    key: options.tls.key,
    listener: (req, res) => {
      if (!listener) {
        res.writeHead(503).end();
        return;
      }
      void listener(req, res);
    },
  });
  try {
    const tenant = await buildTenant(options, server.port);
    listener = getRequestListener(tenant.fetch);
    return {
      ctx: tenant.ctx,
      origin: tenant.ctx.config.origin,
      httpOrigin: tenant.ctx.config.httpOrigin,
      issuer: tenant.ctx.config.issuer,
      tenantId: tenant.ctx.config.tenantId,
      port: server.port,
      async stop() {
        await server.close();
        tenant.close();
      },
    };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** Builds the app and context without listening (used by startTenant). */
export async function buildTenant(options: StartTenantOptions, port: number) {
  const komuOrigin = options.komuOrigin ?? DEFAULT_KOMU_ORIGIN;
  const tenantId = options.tenantId ?? LOCAL_TENANT_ID;
  const origin = `https://localhost:${port}`;
  const appIdUri = komuAppIdUri(komuOrigin);
  const config: TenantConfig = {
    tenantId,
    origin,
    httpOrigin: `http://localhost:${port}`,
    issuer: `${origin}/${tenantId}/v2.0`,
    devPassword: options.devPassword ?? DEV_PASSWORD,
    komuApp: {
      clientId: KOMU_CLIENT_ID,
      clientSecret: KOMU_CLIENT_SECRET,
      audiences: [KOMU_CLIENT_ID, appIdUri],
      appIdUri,
    },
    bot: {
      appId: BOT_APP_ID,
      password: BOT_PASSWORD,
      messagingEndpoint: options.botMessagingEndpoint ?? `${komuOrigin}/api/messages`,
    },
    komuOrigin,
    throttle: options.throttle ?? "documented",
    faultRate: options.faultRate ?? 0,
    dataDir: options.dataDir,
  };
  const now = options.now ?? (() => new Date());
  const store = createStore({ dataDir: options.dataDir });
  const stats = createStats();
  const limits = createLimits(config, () => now().getTime());
  const keys = await KeyRing.open(store);
  const ctx: TenantContext = {
    config,
    store,
    limits,
    stats,
    signToken: (claims, opts) => keys.sign(claims, opts?.expiresInSeconds ?? 3600, Math.floor(now().getTime() / 1000)),
    bus: new EventEmitter(),
    now,
  };
  ctx.bus.setMaxListeners(100);
  attachKeyRing(ctx, keys);
  const logError = options.onError ?? ((e: unknown) => console.error("[local tenant]", e));

  const app: TenantApp = new Hono<{ Variables: TenantVariables }>();
  app.use("*", requestIds());
  app.use("*", tenantCors(config));
  app.use("*", statsMiddleware(stats));
  app.onError((err, c) => renderError(err, c, ctx, logError));
  app.notFound((c) => renderNotFound(c, ctx));

  identity.register(app, ctx);
  registerAdmin(app, ctx, stats, limits);

  const faults = faultMiddleware(config, options.random);
  app.use("/v1.0/*", faults);
  app.use("/v3/*", faults);
  app.use("/v1.0/*", graphAuth(ctx));

  const graph: TenantApp = new Hono<{ Variables: TenantVariables }>();
  directory.register(graph, ctx);
  batch.register(graph, ctx, (req) => Promise.resolve(app.fetch(req)));
  sharepoint.register(graph, ctx);
  calendar.register(graph, ctx);
  workbook.register(graph, ctx);
  teamwork.register(graph, ctx);
  for (const mod of options.graphModules ?? []) mod(graph, ctx);
  app.route("/v1.0", graph);
  // upload session URLs, pre-authenticated download URLs, sharing links: no Authorization header
  sharepoint.registerPublic(app, ctx);

  bot.register(app, ctx);
  teams.register(app, ctx);

  if ((options.seed ?? true) && ctx.store.collection("users").size === 0) loadSeed(ctx, { ensureSite });

  return {
    ctx,
    app,
    fetch: (req: Request, env?: unknown) => app.fetch(req, env as never),
    close: () => store.close(),
  };
}

function renderError(
  err: Error,
  c: Context<{ Variables: TenantVariables }>,
  ctx: TenantContext,
  log: (e: unknown) => void,
): Response {
  const requestId = c.get("requestId") ?? randomUUID();
  const ids = { requestId, clientRequestId: clientRequestIdOf(c, requestId), date: ctx.now() };
  let status = 500;
  let code = "generalException";
  let message = "An unexpected error occurred in the local tenant.";
  let headers: Record<string, string> = {};
  if (err instanceof GraphError) {
    ({ status, code, message, headers } = err);
  } else if (err instanceof HTTPException) {
    status = err.status;
    code = status === 401 ? "InvalidAuthenticationToken" : status === 404 ? "itemNotFound" : "BadRequest";
    message = err.message || "The request is not valid.";
  } else if (err instanceof SyntaxError) {
    status = 400;
    code = "BadRequest";
    message =
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";
  } else {
    log(err);
  }
  const body = c.req.path.startsWith("/v3/")
    ? { error: { code, message } }
    : graphErrorBody(status, code, message, ids);
  return c.json(body, status as 400, headers);
}

function renderNotFound(c: Context<{ Variables: TenantVariables }>, ctx: TenantContext): Response {
  const requestId = c.get("requestId") ?? randomUUID();
  const ids = { requestId, clientRequestId: clientRequestIdOf(c, requestId), date: ctx.now() };
  if (c.req.path.startsWith("/v1.0/") || c.req.path === "/v1.0") {
    const segment = decodeURIComponent(c.req.path.split("/").filter(Boolean).at(-1) ?? "");
    return c.json(graphErrorBody(400, "BadRequest", `Resource not found for the segment '${segment}'.`, ids), 400);
  }
  if (c.req.path.startsWith("/v3/"))
    return c.json({ error: { code: "NotFound", message: `No route for ${c.req.method} ${c.req.path}.` } }, 404);
  return c.json(
    graphErrorBody(404, "NotFound", `No route for ${c.req.method} ${c.req.path} in the local tenant.`, ids),
    404,
  );
}
