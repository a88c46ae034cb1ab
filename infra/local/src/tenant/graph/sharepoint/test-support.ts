/**
 * Test helper: a bare Hono app with the SharePoint, calendar and workbook modules mounted on a
 * small fake TenantContext (in-memory store, recording limits, caller set by a header), served on
 * a random local port so real HTTP clients (the Graph SDK) can talk to it.
 */
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import {
  type Caller,
  GraphError,
  type SharePointCost,
  type TenantApp,
  type TenantContext,
  type TenantVariables,
} from "../../context.js";
import { createStore } from "../../store.js";
import { register as registerCalendar } from "../calendar/index.js";
import { register as registerWorkbook } from "../workbook/index.js";
import { register, registerPublic } from "./index.js";

export const TEST_APP_ID = "11111111-2222-3333-4444-555555555555";

export interface Charge {
  appId: string;
  cost: SharePointCost;
  api: string;
}

export interface TestTenant {
  ctx: TenantContext;
  origin: string;
  charges: Charge[];
  /** make the next sharePoint() calls throw a 429 */
  throttle(on: boolean): void;
  fetch(path: string, init?: RequestInit & { userId?: string }): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTestTenant(): Promise<TestTenant> {
  const charges: Charge[] = [];
  let throttled = false;
  const store = createStore();
  const config = {
    tenantId: "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31",
    origin: "http://localhost",
    httpOrigin: "http://localhost",
    issuer: "",
    devPassword: "x",
    komuApp: { clientId: TEST_APP_ID, clientSecret: "s", audiences: [], appIdUri: "" },
    bot: { appId: "bot", password: "p", messagingEndpoint: "" },
    komuOrigin: "http://localhost:7071",
    throttle: "documented" as const,
    faultRate: 0,
    dataDir: undefined,
  };
  const ctx: TenantContext = {
    config,
    store,
    limits: {
      sharePoint(appId, cost, api) {
        if (throttled) throw new GraphError(429, "activityLimitReached", "throttled", { "Retry-After": "1" });
        charges.push({ appId, cost, api });
      },
      bot() {},
    },
    stats: { record() {}, snapshot: () => ({}), reset() {} },
    signToken: async () => "token",
    bus: new EventEmitter(),
    now: () => new Date(),
  };
  const users = store.collection<Record<string, unknown>>("users");
  users.set("u-tanaka", {
    id: "u-tanaka",
    displayName: "田中 花子",
    userPrincipalName: "tanaka@aoba-edu.example",
    mail: "tanaka@aoba-edu.example",
  });
  users.set("u-sato", {
    id: "u-sato",
    displayName: "佐藤 一郎",
    userPrincipalName: "sato@aoba-edu.example",
    mail: "sato@aoba-edu.example",
  });

  const app = new Hono<{ Variables: TenantVariables }>();
  app.onError((err, c) => {
    if (err instanceof GraphError) {
      return c.json({ error: { code: err.code, message: err.message } }, err.status as 400, err.headers);
    }
    return c.json({ error: { code: "generalException", message: String(err) } }, 500);
  });
  const v1: TenantApp = new Hono<{ Variables: TenantVariables }>();
  v1.use("*", async (c, next) => {
    const userId = c.req.header("X-Test-User");
    const caller: Caller = {
      appId: TEST_APP_ID,
      scopes: [],
      roles: ["Sites.ReadWrite.All"],
      ...(userId ? { userId } : {}),
    };
    c.set("caller", caller);
    await next();
  });
  register(v1, ctx);
  registerCalendar(v1, ctx);
  registerWorkbook(v1, ctx);
  app.route("/v1.0", v1);
  registerPublic(app, ctx);

  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://localhost:${port}`;
  config.origin = origin;
  config.httpOrigin = origin;

  return {
    ctx,
    origin,
    charges,
    throttle(on) {
      throttled = on;
    },
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.userId) headers.set("X-Test-User", init.userId);
      const url = path.startsWith("http") ? path : `${origin}${path}`;
      return fetch(url, { ...init, headers, redirect: init.redirect ?? "manual" });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
