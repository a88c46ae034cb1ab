import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appToken, graphFetch, startTestTenant, userGraphToken } from "../contract/fixture.js";
import { KNOWN_USERS } from "../seed/known.js";
import type { RunningTenant } from "../server.js";

let tenant: RunningTenant;
let token: string;
const order: string[] = [];

beforeAll(async () => {
  tenant = await startTestTenant({
    graphModules: [
      (app, ctx) => {
        app.post("/test/record/:name", async (c) => {
          const delay = Number(c.req.query("delay") ?? 0);
          await new Promise((r) => setTimeout(r, delay));
          order.push(c.req.param("name"));
          return c.json(
            { name: c.req.param("name"), body: await c.req.json().catch(() => null), caller: c.get("caller") },
            201,
          );
        });
        app.get("/test/charged", (c) => {
          ctx.limits.sharePoint(c.get("caller").appId, "permission", "test");
          return c.json({ ok: true });
        });
      },
    ],
  });
  token = await appToken(tenant);
});
afterAll(async () => {
  await tenant?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: test JSON
type Json = any;
type BatchResponse = { responses: { id: string; status: number; headers: Record<string, string>; body: Json }[] };
const batch = async (requests: unknown[], auth = token) => {
  const res = await graphFetch(tenant, auth, "/v1.0/$batch", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ requests }),
  });
  return {
    status: res.status,
    body: (await res.json()) as BatchResponse & { error?: { code: string; message: string } },
  };
};
const byId = (b: BatchResponse) => Object.fromEntries(b.responses.map((r) => [r.id, r]));

describe("POST /v1.0/$batch", () => {
  it("runs inner requests through the app with the outer token", async () => {
    const { status, body } = await batch([
      { id: "1", method: "GET", url: "/users?$top=2&$select=id,displayName" },
      { id: "2", method: "GET", url: `/users/${KNOWN_USERS.aobaTeacher.upn}` },
      {
        id: "3",
        method: "POST",
        url: "/test/record/x",
        body: { hello: "世界" },
        headers: { "Content-Type": "application/json" },
      },
      { id: "4", method: "GET", url: "/users/00000000-0000-0000-0000-000000000000" },
    ]);
    expect(status).toBe(200);
    const r = byId(body);
    expect(r["1"]?.status).toBe(200);
    expect(r["1"]?.body.value).toHaveLength(2);
    expect(r["1"]?.body["@odata.nextLink"]).toMatch(new RegExp(`^${tenant.origin}/v1.0/users\\?`));
    expect(r["2"]?.body.id).toBe(KNOWN_USERS.aobaTeacher.id);
    expect(r["3"]?.status).toBe(201);
    expect(r["3"]?.body.body).toEqual({ hello: "世界" });
    expect(r["3"]?.body.caller.appId).toBeTruthy();
    expect(r["3"]?.headers["content-type"]).toMatch(/application\/json/);
    expect(r["4"]?.status).toBe(404);
    expect(r["4"]?.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("uses the caller of the outer request (delegated /me works inside a batch)", async () => {
    const user = await userGraphToken(tenant, KNOWN_USERS.higashiTeacher.id);
    const { body } = await batch([{ id: "me", method: "GET", url: "/me" }], user);
    expect(byId(body).me?.body.id).toBe(KNOWN_USERS.higashiTeacher.id);
  });

  it("refuses 21 requests, duplicate ids, unknown dependencies and nested batches with 400", async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: "GET", url: "/me" }));
    const tooMany = await batch(many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.code).toBe("BadRequest");
    expect(tooMany.body.error?.message).toMatch(/20/);
    expect((await batch(many.slice(0, 20))).status).toBe(200);
    expect(
      (
        await batch([
          { id: "1", method: "GET", url: "/users" },
          { id: "1", method: "GET", url: "/groups" },
        ])
      ).status,
    ).toBe(400);
    expect((await batch([{ id: "1", method: "GET", url: "/users", dependsOn: ["9"] }])).status).toBe(400);
    expect(
      (
        await batch([
          { id: "1", method: "POST", url: "/$batch", body: {}, headers: { "content-type": "application/json" } },
        ])
      ).status,
    ).toBe(400);
    expect((await batch([{ id: "1", method: "POST", url: "/test/record/a", body: { a: 1 } }])).status).toBe(400); // body without Content-Type
    expect(
      (
        await batch([
          { id: "a", method: "GET", url: "/users", dependsOn: ["b"] },
          { id: "b", method: "GET", url: "/users", dependsOn: ["a"] },
        ])
      ).status,
    ).toBe(400);
  });

  it("orders by dependsOn; a failed dependency gives 424 to its dependants", async () => {
    order.length = 0;
    const { status, body } = await batch([
      {
        id: "1",
        method: "POST",
        url: "/test/record/one?delay=80",
        body: {},
        headers: { "content-type": "application/json" },
      },
      {
        id: "2",
        method: "POST",
        url: "/test/record/two",
        dependsOn: ["1"],
        body: {},
        headers: { "content-type": "application/json" },
      },
      {
        id: "4",
        method: "POST",
        url: "/test/record/four",
        dependsOn: ["2"],
        body: {},
        headers: { "content-type": "application/json" },
      },
      {
        id: "3",
        method: "POST",
        url: "/test/record/three",
        dependsOn: ["4"],
        body: {},
        headers: { "content-type": "application/json" },
      },
      { id: "5", method: "GET", url: "/groups/00000000-0000-0000-0000-00000000dead" },
      {
        id: "6",
        method: "POST",
        url: "/test/record/six",
        dependsOn: ["5"],
        body: {},
        headers: { "content-type": "application/json" },
      },
      {
        id: "7",
        method: "POST",
        url: "/test/record/seven",
        dependsOn: ["6"],
        body: {},
        headers: { "content-type": "application/json" },
      },
    ]);
    expect(status).toBe(200);
    expect(order).toEqual(["one", "two", "four", "three"]);
    const r = byId(body);
    expect(r["5"]?.status).toBe(404);
    expect(r["6"]?.status).toBe(424);
    expect(r["7"]?.status).toBe(424);
    expect(r["6"]?.body.error.code).toBe("FailedDependency");
    expect(body.responses).toHaveLength(7);
  });

  it("runs independent requests concurrently and answers in completion order", async () => {
    order.length = 0;
    const started = Date.now();
    const { body } = await batch([
      {
        id: "slow",
        method: "POST",
        url: "/test/record/slow?delay=300",
        body: {},
        headers: { "content-type": "application/json" },
      },
      {
        id: "fast",
        method: "POST",
        url: "/test/record/fast?delay=10",
        body: {},
        headers: { "content-type": "application/json" },
      },
      {
        id: "mid",
        method: "POST",
        url: "/test/record/mid?delay=150",
        body: {},
        headers: { "content-type": "application/json" },
      },
    ]);
    expect(Date.now() - started).toBeLessThan(600);
    expect(body.responses.map((r) => r.id)).toEqual(["fast", "mid", "slow"]);
  });

  it("throttles inner requests one by one (429 inside a 200 batch)", async () => {
    for (let i = 0; i < 238; i++)
      tenant.ctx.limits.sharePoint(tenant.ctx.config.komuApp.clientId, "permission", "warm-up"); // 1,190 RU
    const { status, body } = await batch(
      Array.from({ length: 4 }, (_, i) => ({ id: String(i), method: "GET", url: "/test/charged" })),
    );
    expect(status).toBe(200);
    const statuses = body.responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429]);
    const throttled = body.responses.find((r) => r.status === 429);
    expect(Number(throttled?.headers["retry-after"])).toBeGreaterThan(0);
  });
});
