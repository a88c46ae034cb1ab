/**
 * Idempotency-Key on an authenticated JSON request through the real app: the guard reads the body
 * (body policy) before the idempotency middleware hashes it, so the middleware must go through
 * Hono's body cache. Storage for the keys is the real Azure Tables one (Azurite of the global
 * setup), isolated by its own table prefix; the rest of the test app's adapters are fakes.
 */
import { randomBytes } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { startTestApp, type TestApp, USERS } from "@komu/functions/http/test-app";
import type { Endpoint } from "@komu/functions/http/types";
import { coreEndpoints } from "@komu/functions/routes/index";
import { createStorage, type Storage } from "@komu/functions/storage/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NoteBody = z.strictObject({ text: z.string().min(1).max(200) });
const noteRoute = createRoute({
  method: "post",
  path: "/api/test/idem-notes",
  security: [{ bearerAuth: [] }],
  request: { body: { required: true, content: { "application/json": { schema: NoteBody } } } },
  responses: {
    201: {
      description: "created",
      content: { "application/json": { schema: z.object({ id: z.string(), text: z.string() }) } },
    },
  },
});

let runs = 0;
const noteEndpoint: Endpoint = {
  route: noteRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 4096, required: true },
  register(app) {
    app.openapi(noteRoute, (c) => {
      runs += 1;
      return c.json({ id: `note-${runs}`, text: c.req.valid("json").text }, 201);
    });
  },
};

let t: TestApp;
let storage: Storage;
let token: string;

beforeAll(async () => {
  const connectionString = process.env.KOMU_TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) throw new Error("KOMU_TEST_STORAGE_CONNECTION_STRING is not set: run through vitest");
  storage = await createStorage({ connectionString, tablePrefix: `t${randomBytes(5).toString("hex")}` });
  t = await startTestApp({
    endpoints: [...coreEndpoints, noteEndpoint],
    storage: { idempotency: storage.idempotency },
  });
  token = await t.tokenFor(USERS.teacherA);
});
afterAll(async () => {
  await t?.stop();
  await storage?.dispose();
});

const post = (body: unknown, key: string) =>
  t.app.request("/api/test/idem-notes", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(body),
  });

describe("Idempotency-Key on an authenticated JSON POST (real app, Azure Tables)", () => {
  it("the same request twice: 201 twice, the handler ran once, the second is a replay", async () => {
    const before = runs;
    const first = await post({ text: "運動会のお知らせ" }, "body-key-1");
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const second = await post({ text: "運動会のお知らせ" }, "body-key-1");
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(firstBody);
    expect(runs).toBe(before + 1);
  });

  it("the same key with another body is IDEMPOTENCY_KEY_REUSED, and the handler does not run", async () => {
    expect((await post({ text: "A" }, "body-key-2")).status).toBe(201);
    const before = runs;
    const reused = await post({ text: "B" }, "body-key-2");
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(runs).toBe(before);
  });
});
