/**
 * The Azure Functions entry with @azure/functions' own test classes (imported through the
 * package's default export, as native ESM requires for this CommonJS package).
 */
import functions, {
  type HttpHandler,
  type HttpResponseInit,
  type StorageQueueHandler,
  type Timer,
  type TimerHandler,
} from "@azure/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, USERS } from "../http/test-app.js";
import type { JobDefinition } from "../jobs/types.js";
import { HTTP_METHODS, registerAzureFunctions } from "./register.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

interface Registered {
  http: Record<string, { route: string; methods: string[]; authLevel: string; handler: HttpHandler }>;
  timer: Record<string, { schedule: string; handler: TimerHandler }>;
  queue: Record<string, { queueName: string; connection: string; handler: StorageQueueHandler }>;
}

function recorder() {
  const registered: Registered = { http: {}, timer: {}, queue: {} };
  return {
    registered,
    app: {
      http: (name: string, o: Registered["http"][string]) => {
        registered.http[name] = o;
      },
      timer: (name: string, o: Registered["timer"][string]) => {
        registered.timer[name] = o;
      },
      storageQueue: (name: string, o: Registered["queue"][string]) => {
        registered.queue[name] = o;
      },
    },
  };
}

const ran: string[] = [];
const jobs: JobDefinition<{ tag: string }>[] = [
  {
    id: "sweeper",
    schedule: "0 */5 * * * *",
    handler: async (deps, { now }) => void ran.push(`sweeper:${deps.tag}:${now instanceof Date}`),
  },
  {
    id: "worker",
    queue: "komu-outbox" as never,
    handler: async (deps, payload) => void ran.push(`worker:${deps.tag}:${JSON.stringify(payload)}`),
  },
];

function register() {
  const r = recorder();
  registerAzureFunctions(r.app as never, {
    getApp: async () => t.app,
    jobs,
    getJobDeps: async () => ({ tag: "deps" }),
    queueName: (base) => `test${base}`,
    connection: "AZURE_STORAGE_CONNECTION_STRING",
  });
  return r.registered;
}

const context = () => new functions.InvocationContext({ invocationId: "inv-1", functionName: "api" });

describe("Azure Functions entry", () => {
  it("registers one anonymous catch-all and every job", () => {
    const registered = register();
    expect(Object.keys(registered.http)).toEqual(["api"]);
    expect(registered.http.api).toMatchObject({ route: "{*path}", authLevel: "anonymous", methods: HTTP_METHODS });
    expect(registered.timer.sweeper?.schedule).toBe("0 */5 * * * *");
    expect(registered.queue.worker).toMatchObject({
      queueName: "testkomu-outbox",
      connection: "AZURE_STORAGE_CONNECTION_STRING",
    });
  });

  it("hands HTTP requests to the Hono app and converts the answer back", async () => {
    const handler = register().http.api?.handler as HttpHandler;
    const health = await handler(
      new functions.HttpRequest({ method: "GET", url: "https://komu.example/api/health" }),
      context(),
    );
    expect(health.status).toBe(200);
    expect(JSON.parse(Buffer.from(health.body as Uint8Array).toString())).toEqual({
      status: "ok",
      version: "9.9.9-test",
    });
    expect((health.headers as Record<string, string>)["x-content-type-options"]).toBe("nosniff");

    const me = await handler(
      new functions.HttpRequest({
        method: "GET",
        url: "https://komu.example/api/me",
        headers: { authorization: `Bearer ${await t.tokenFor(USERS.teacherA)}` },
      }),
      context(),
    );
    expect(me.status).toBe(200);
    expect(JSON.parse(Buffer.from(me.body as Uint8Array).toString()).schools[0].id).toBe("aoba-e");

    const noToken = await handler(
      new functions.HttpRequest({ method: "GET", url: "https://komu.example/api/me" }),
      context(),
    );
    expect(noToken.status).toBe(401);
    expect((noToken.headers as Record<string, string>)["www-authenticate"]).toContain('realm="komu"');
  });

  it("passes request bodies through (bot endpoint; malformed JSON stays a 400)", async () => {
    const handler = register().http.api?.handler as HttpHandler;
    const ok = await handler(
      new functions.HttpRequest({
        method: "POST",
        url: "https://komu.example/api/messages",
        headers: { "content-type": "application/json" },
        body: { string: JSON.stringify({ type: "message", text: "やあ" }) },
      }),
      context(),
    );
    expect(ok.status).toBe(200);
    expect(JSON.parse(Buffer.from(ok.body as Uint8Array).toString()).echoed).toEqual({ type: "message", text: "やあ" });
    const bad = await handler(
      new functions.HttpRequest({
        method: "POST",
        url: "https://komu.example/api/messages",
        headers: { "content-type": "application/json" },
        body: { string: "{nope" },
      }),
      context(),
    );
    expect(bad.status).toBe(400);
  });

  it("answers 503 (without details) when the app cannot be built, and retries the build next time", async () => {
    let attempts = 0;
    const r = recorder();
    registerAzureFunctions(r.app as never, {
      getApp: async () => {
        attempts++;
        if (attempts === 1) throw new Error("storage account key rejected: secret-detail");
        return t.app;
      },
      jobs: [],
      getJobDeps: async () => ({}),
      queueName: (b) => b,
      connection: "X",
    });
    const handler = r.registered.http.api?.handler as HttpHandler;
    const first = await handler(
      new functions.HttpRequest({ method: "GET", url: "https://komu.example/api/health" }),
      context(),
    );
    expect(first.status).toBe(503);
    expect(JSON.stringify((first as HttpResponseInit).jsonBody)).not.toContain("secret-detail");
    const second = await handler(
      new functions.HttpRequest({ method: "GET", url: "https://komu.example/api/health" }),
      context(),
    );
    expect(second.status).toBe(200);
  });

  it("timer and queue triggers run the job handlers with their deps", async () => {
    const registered = register();
    await registered.timer.sweeper?.handler(
      { isPastDue: false, schedule: { adjustForDST: false } } as Timer,
      context(),
    );
    await registered.queue.worker?.handler({ v: 1, id: "x" }, context());
    expect(ran).toEqual(["sweeper:deps:true", 'worker:deps:{"v":1,"id":"x"}']);
  });
});
