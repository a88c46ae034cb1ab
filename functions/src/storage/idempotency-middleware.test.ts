import { isKomuError } from "@komu/shared";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { idempotencyMiddleware } from "./idempotency-middleware.js";
import type { Storage } from "./index.js";
import { createTestStorage } from "./testing.js";

describe("idempotencyMiddleware (Azurite)", () => {
  let storage: Storage;
  let app: Hono<{ Variables: { principal: { oid: string } } }>;
  let created = 0;
  let failures = 0;
  let accepted = 0;
  let patches = 0;
  const statusRuns = new Map<number, number>();
  beforeAll(async () => {
    storage = await createTestStorage();
    app = new Hono();
    app.onError((e, c) => (isKomuError(e) ? c.json(e.toBody(), e.status as 400) : c.json({ error: "internal" }, 500)));
    app.use("*", async (c, next) => {
      c.set("principal", { oid: c.req.header("x-test-user") ?? "u1" });
      await next();
    });
    // Like the API guard: the body policy reads the body before the middleware runs.
    app.use("/api/*", async (c, next) => {
      if (c.req.header("x-read-body")) await c.req.text();
      await next();
    });
    app.use("/api/*", idempotencyMiddleware(storage));
    app.post("/api/notices", async (c) => {
      const body = await c.req.json<{ title: string }>();
      created += 1;
      return c.json({ id: `n${created}`, title: body.title }, 201, { ETag: `"v${created}"` });
    });
    app.post("/api/status/:code", (c) => {
      const code = Number(c.req.param("code"));
      statusRuns.set(code, (statusRuns.get(code) ?? 0) + 1);
      return c.json({ code, run: statusRuns.get(code) }, code as 400);
    });
    app.post("/api/accepted", (c) => {
      accepted += 1;
      return c.json({ run: accepted }, 202, { "Retry-After": "7" });
    });
    app.patch("/api/items/:id", (c) => {
      patches += 1;
      return c.json({ id: c.req.param("id"), ifMatch: c.req.header("if-match") }, 200);
    });
    app.post("/api/flaky", (c) => {
      failures += 1;
      return c.json({ error: "down" }, 503);
    });
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("replays the first answer for a retried request and runs the handler once", async () => {
    const r1 = await post("/api/notices", { title: "遠足" }, { "Idempotency-Key": "abc-1" });
    const r2 = await post("/api/notices", { title: "遠足" }, { "Idempotency-Key": "abc-1" });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(await r2.json()).toEqual(await r1.json());
    expect(r2.headers.get("etag")).toBe(r1.headers.get("etag"));
    expect(r2.headers.get("idempotent-replayed")).toBe("true");
    expect(r1.headers.get("idempotent-replayed")).toBeNull();
    expect(created).toBe(1);
  });

  it("a different body under the same key is 422, another user's same key is independent", async () => {
    await post("/api/notices", { title: "A" }, { "Idempotency-Key": "abc-2" });
    const reused = await post("/api/notices", { title: "B" }, { "Idempotency-Key": "abc-2" });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const other = await post("/api/notices", { title: "B" }, { "Idempotency-Key": "abc-2", "x-test-user": "u2" });
    expect(other.status).toBe(201);
  });

  it("without a key every request runs; a bad key is 400; 5xx answers are not stored", async () => {
    const before = created;
    await post("/api/notices", { title: "x" });
    await post("/api/notices", { title: "x" });
    expect(created).toBe(before + 2);
    const bad = await post("/api/notices", { title: "x" }, { "Idempotency-Key": "x".repeat(300) });
    expect(bad.status).toBe(400);
    await post("/api/flaky", {}, { "Idempotency-Key": "f1" });
    const again = await post("/api/flaky", {}, { "Idempotency-Key": "f1" });
    expect(again.status).toBe(503);
    expect(failures).toBe(2);
  });

  it("hashes a body that an earlier middleware already read (no 500 'body unusable')", async () => {
    const before = created;
    const r1 = await post("/api/notices", { title: "読了" }, { "Idempotency-Key": "read-1", "x-read-body": "1" });
    const r2 = await post("/api/notices", { title: "読了" }, { "Idempotency-Key": "read-1", "x-read-body": "1" });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(r2.headers.get("idempotent-replayed")).toBe("true");
    expect(created).toBe(before + 1);
    const other = await post("/api/notices", { title: "別" }, { "Idempotency-Key": "read-1", "x-read-body": "1" });
    expect(other.status).toBe(422);
  });

  it("stores only 2xx and deterministic 4xx; transient or token-dependent answers run again", async () => {
    for (const code of [401, 403, 408, 409, 412, 425, 429]) {
      const a = await post(`/api/status/${code}`, {}, { "Idempotency-Key": `s-${code}` });
      const b = await post(`/api/status/${code}`, {}, { "Idempotency-Key": `s-${code}` });
      expect([a.status, b.status], String(code)).toEqual([code, code]);
      expect(b.headers.get("idempotent-replayed"), String(code)).toBeNull();
      expect(statusRuns.get(code), String(code)).toBe(2);
    }
    for (const code of [400, 404, 405, 413, 415, 422]) {
      await post(`/api/status/${code}`, {}, { "Idempotency-Key": `s-${code}` });
      const b = await post(`/api/status/${code}`, {}, { "Idempotency-Key": `s-${code}` });
      expect(b.status, String(code)).toBe(code);
      expect(b.headers.get("idempotent-replayed"), String(code)).toBe("true");
      expect(statusRuns.get(code), String(code)).toBe(1);
    }
  });

  it("replays Retry-After with a stored answer", async () => {
    const a = await post("/api/accepted", {}, { "Idempotency-Key": "acc-1" });
    const b = await post("/api/accepted", {}, { "Idempotency-Key": "acc-1" });
    expect(a.headers.get("retry-after")).toBe("7");
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(b.headers.get("retry-after")).toBe("7");
    expect(accepted).toBe(1);
  });

  it("If-Match is part of the request: a retry with a fresh ETag is not answered with the old result", async () => {
    const patch = (etag: string) =>
      app.request("/api/items/1", {
        method: "PATCH",
        headers: { "content-type": "application/json", "Idempotency-Key": "p-1", "If-Match": etag },
        body: JSON.stringify({ title: "x" }),
      });
    expect((await patch('"v1"')).status).toBe(200);
    expect((await patch('"v1"')).headers.get("idempotent-replayed")).toBe("true");
    const fresh = await patch('"v2"');
    expect(fresh.status).toBe(422);
    expect(((await fresh.json()) as { error: { code: string } }).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(patches).toBe(1);
  });
});
