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
  beforeAll(async () => {
    storage = await createTestStorage();
    app = new Hono();
    app.onError((e, c) => (isKomuError(e) ? c.json(e.toBody(), e.status as 400) : c.json({ error: "internal" }, 500)));
    app.use("*", async (c, next) => {
      c.set("principal", { oid: c.req.header("x-test-user") ?? "u1" });
      await next();
    });
    app.use("/api/*", idempotencyMiddleware(storage));
    app.post("/api/notices", async (c) => {
      const body = await c.req.json<{ title: string }>();
      created += 1;
      return c.json({ id: `n${created}`, title: body.title }, 201, { ETag: `"v${created}"` });
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
});
