import { createRoute, z } from "@hono/zod-openapi";
import { KomuError } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEAD_LETTER_ID, startTestApp, type TestApp, USERS } from "./http/test-app.js";
import type { Endpoint } from "./http/types.js";
import { coreEndpoints } from "./routes/index.js";

/** A module-style endpoint with a strict JSON body, to exercise the body policy. */
const NoteBody = z.strictObject({ text: z.string().min(1).max(200), schoolId: z.string().regex(/^[a-z-]+$/) });
const noteRoute = createRoute({
  method: "post",
  path: "/api/test/notes",
  security: [{ bearerAuth: [] }],
  request: { body: { required: true, content: { "application/json": { schema: NoteBody } } } },
  responses: { 201: { description: "ok", content: { "application/json": { schema: NoteBody } } } },
});
const noteEndpoint: Endpoint = {
  route: noteRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 1024, required: true },
  register(app) {
    app.openapi(noteRoute, (c) => c.json(c.req.valid("json"), 201));
  },
};

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = Record<string, any>;

let t: TestApp;
const auth = async (oid: string) => ({ authorization: `Bearer ${await t.tokenFor(oid)}` });
const get = async (path: string, oid?: string) => t.app.request(path, { headers: oid ? await auth(oid) : {} });
const json = async (res: Response) => (await res.json()) as Json;

beforeAll(async () => {
  t = await startTestApp({ endpoints: [...coreEndpoints, noteEndpoint] });
});
afterAll(() => t.stop());

describe("public routes", () => {
  it("GET /api/health answers without a token", async () => {
    const res = await get("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "9.9.9-test" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a well-formed incoming request id", async () => {
    const res = await t.app.request("/api/health", { headers: { "x-request-id": "abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("abc-123");
  });

  it("GET /client-config.json gives the tab its public sign-in settings, outside /api and the OpenAPI document", async () => {
    const res = await get("/client-config.json");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Object.keys(body).sort()).toEqual(
      expect.arrayContaining(["apiScope", "authority", "clientId", "env", "tenantId"]),
    );
    expect(JSON.stringify(body)).not.toMatch(/secret/i);
    const doc = await json(await get("/api/openapi.json"));
    expect(Object.keys(doc.paths).some((p) => p.includes("client-config"))).toBe(false);
  });

  it("GET /api/openapi.json describes every route with the bearer scheme", async () => {
    const doc = await json(await get("/api/openapi.json"));
    expect(doc.openapi).toBe("3.0.3");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/me",
        "/api/tasks",
        "/api/audit/verify",
        "/api/admin/outbox/dead-letters",
        "/api/admin/outbox/dead-letters/{id}/replay",
        "/api/messages",
        "/api/schools/{schoolId}",
      ]),
    );
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    expect(doc.paths["/api/me"].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/api/me"].get.responses["200"].content["application/json"].schema).toBeTruthy();
  });

  it("GET /api/docs is a self-contained HTML reference", async () => {
    const res = await get("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("校務 API リファレンス");
    expect(html).toContain("/api/audit/verify");
    // Nothing is loaded from elsewhere: no scripts, stylesheets, images or frames.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(/i);
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
  });
});

describe("bad input", () => {
  it("unknown route → 404 NOT_FOUND with a bilingual message", async () => {
    const res = await get("/api/nothing-here", USERS.teacherA);
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.error.message.ja).toBeTruthy();
    expect(body.error.message.en).toBeTruthy();
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect((await t.app.request("/elsewhere")).status).toBe(404);
  });

  it("wrong method → 405 with Allow", async () => {
    const res = await t.app.request("/api/me", { method: "DELETE", headers: await auth(USERS.teacherA) });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect((await json(res)).error.code).toBe("METHOD_NOT_ALLOWED");
  });

  const post = async (body: string | undefined, headers: Record<string, string> = {}) =>
    t.app.request("/api/test/notes", {
      method: "POST",
      body,
      headers: { ...(await auth(USERS.teacherA)), ...headers },
    });

  it("a valid body passes", async () => {
    const res = await post(JSON.stringify({ text: "連絡", schoolId: "aoba-e" }), {
      "content-type": "application/json; charset=utf-8",
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ text: "連絡", schoolId: "aoba-e" });
  });

  it("malformed JSON → 400 MALFORMED_JSON", async () => {
    const res = await post('{"text": "連絡",', { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("MALFORMED_JSON");
  });

  it("wrong content type → 415", async () => {
    const res = await post("text=hello", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
    expect((await json(res)).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const none = await post(JSON.stringify({ text: "x", schoolId: "aoba-e" }), { "content-type": "" });
    expect(none.status).toBe(415);
  });

  it("oversized body → 413, with or without Content-Length", async () => {
    const big = JSON.stringify({ text: "あ".repeat(2000), schoolId: "aoba-e" });
    const res = await post(big, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(big)),
    });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe("PAYLOAD_TOO_LARGE");
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await t.app.request("/api/test/notes", {
      method: "POST",
      body: stream,
      headers: { ...(await auth(USERS.teacherA)), "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("unknown fields and wrong types → 400 VALIDATION_FAILED naming the fields", async () => {
    const res = await post(JSON.stringify({ text: "", schoolId: "aoba-e", admin: true }), {
      "content-type": "application/json",
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details.target).toBe("json");
    const paths = body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["text", ""]));
    expect(JSON.stringify(body.error.details)).toContain("admin");
  });

  it("missing body → 400 VALIDATION_FAILED", async () => {
    const res = await post(undefined, { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("VALIDATION_FAILED");
  });

  it("invalid ids → 400 INVALID_ID; unknown ids → 404", async () => {
    const bad = await get("/api/schools/Not_A_School!", USERS.admin);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe("INVALID_ID");
    const badQuery = await get("/api/audit/verify?schoolId=..%2Fetc", USERS.admin);
    expect(badQuery.status).toBe(400);
    expect((await json(badQuery)).error.code).toBe("INVALID_ID");
    const missing = await get("/api/audit/verify", USERS.admin);
    expect(missing.status).toBe(400);
    const unknown = await get("/api/schools/minami-e", USERS.admin);
    expect(unknown.status).toBe(404);
    const badReplay = await t.app.request("/api/admin/outbox/dead-letters/xyz/replay", {
      method: "POST",
      headers: await auth(USERS.admin),
    });
    expect(badReplay.status).toBe(400);
    expect((await json(badReplay)).error.code).toBe("INVALID_ID");
    const unknownReplay = await t.app.request(`/api/admin/outbox/dead-letters/${"a".repeat(40)}/replay`, {
      method: "POST",
      headers: await auth(USERS.admin),
    });
    expect(unknownReplay.status).toBe(404);
    const badLimit = await get("/api/admin/outbox/dead-letters?limit=100000", USERS.admin);
    expect(badLimit.status).toBe(400);
    expect((await json(badLimit)).error.code).toBe("VALIDATION_FAILED");
  });
});

describe("authentication and access", () => {
  it("401 carries WWW-Authenticate", async () => {
    const none = await get("/api/me");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe(
      `Bearer realm="komu", authorization_uri="https://localhost:7072/${t.deps.config.tenantId}/oauth2/v2.0/authorize"`,
    );
    const expired = await t.app.request("/api/me", {
      headers: { authorization: `Bearer ${(await t.issuer.badTokens(USERS.teacherA)).expired}` },
    });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain(
      'error="invalid_token", error_description="The token is expired"',
    );
    expect((await json(expired)).error).toMatchObject({
      code: "UNAUTHENTICATED",
      details: { reason: "token_expired" },
    });
  });

  it("a user without Kōmu groups → 403", async () => {
    const res = await get("/api/me", USERS.outsider);
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("FORBIDDEN");
  });

  it("GET /api/me returns schools with names and roles", async () => {
    const me = await json(await get("/api/me", USERS.teacherA));
    expect(me).toEqual({
      oid: USERS.teacherA,
      tenantId: t.deps.config.tenantId,
      name: "青葉 花子",
      upn: "hanako@aoba-edu.example",
      kind: "staff",
      roles: ["teacher"],
      schools: [{ id: "aoba-e", name: "青葉小学校", roles: ["teacher"], staff: true }],
    });
    const board = await json(await get("/api/me", USERS.board));
    expect(board.kind).toBe("board");
    expect(board.schools).toEqual([{ id: "boe", name: "青葉町教育委員会", roles: ["boardStaff"], staff: true }]);
  });

  it("a teacher of school A gets 403 on school B, 200 on A", async () => {
    expect((await get("/api/schools/aoba-e", USERS.teacherA)).status).toBe(200);
    expect(await json(await get("/api/schools/aoba-e", USERS.teacherA))).toEqual({ id: "aoba-e", name: "青葉小学校" });
    const other = await get("/api/schools/higashi-e", USERS.teacherA);
    expect(other.status).toBe(403);
    expect((await json(other)).error.details).toEqual({ capability: "school.read", schoolId: "higashi-e" });
    // 403, not 404, even for a school that does not exist: no probing of other schools.
    expect((await get("/api/schools/minami-e", USERS.teacherA)).status).toBe(403);
    expect((await get("/api/schools/higashi-e", USERS.board)).status).toBe(200);
  });

  it("a denied attempt on a real school is recorded in that school's audit log", async () => {
    t.audited.length = 0;
    expect((await get("/api/audit/verify?schoolId=higashi-e", USERS.teacherA)).status).toBe(403);
    expect((await get("/api/schools/minami-e", USERS.teacherA)).status).toBe(403);
    expect(t.audited).toEqual([
      {
        schoolId: "higashi-e",
        event: {
          kind: "auth.denied",
          actor: { oid: USERS.teacherA, name: "青葉 花子" },
          target: { kind: "school", id: "higashi-e" },
          data: { capability: "audit.verify", method: "GET", path: "/api/audit/verify" },
        },
      },
    ]);
  });

  it("schools list: own school for a teacher, the town for the board", async () => {
    expect((await json(await get("/api/schools", USERS.teacherA))).items).toEqual([
      { id: "aoba-e", name: "青葉小学校" },
    ]);
    expect((await json(await get("/api/schools", USERS.board))).items).toHaveLength(5);
  });

  it("audit verify: the principal of A for A only, teachers never, admins anywhere", async () => {
    expect((await get("/api/audit/verify?schoolId=aoba-e", USERS.teacherA)).status).toBe(403);
    expect((await get("/api/audit/verify?schoolId=higashi-e", USERS.teacherA)).status).toBe(403);
    const own = await get("/api/audit/verify?schoolId=aoba-e", USERS.principalA);
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ schoolId: "aoba-e", ok: true, checked: 3, lastSeq: 3 });
    expect(t.audited.at(-1)).toMatchObject({
      schoolId: "aoba-e",
      event: { kind: "admin.auditVerified", actor: { oid: USERS.principalA }, data: { ok: true, checked: 3 } },
    });
    expect((await get("/api/audit/verify?schoolId=higashi-e", USERS.principalA)).status).toBe(403);
    expect((await get("/api/audit/verify?schoolId=nishi-e", USERS.admin)).status).toBe(200);
    expect((await get("/api/audit/verify?schoolId=minami-e", USERS.admin)).status).toBe(404);
  });

  it("dead letters: admins only, without payloads; replay queues", async () => {
    for (const who of [USERS.teacherA, USERS.principalA, USERS.student, USERS.board]) {
      expect((await get("/api/admin/outbox/dead-letters", who)).status).toBe(403);
    }
    const res = await get("/api/admin/outbox/dead-letters", USERS.admin);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: DEAD_LETTER_ID, kind: "bot.sendCard", attempts: 8 });
    expect(JSON.stringify(body)).not.toContain("class II data");
    expect((await json(await get("/api/admin/outbox/dead-letters?schoolId=higashi-e", USERS.admin))).items).toEqual([]);

    const denied = await t.app.request(`/api/admin/outbox/dead-letters/${DEAD_LETTER_ID}/replay`, {
      method: "POST",
      headers: await auth(USERS.teacherA),
    });
    expect(denied.status).toBe(403);
    expect(t.replays).toEqual([]);
    const replay = await t.app.request(`/api/admin/outbox/dead-letters/${DEAD_LETTER_ID}/replay`, {
      method: "POST",
      headers: await auth(USERS.admin),
    });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ id: DEAD_LETTER_ID, schoolId: "aoba-e", status: "queued" });
    expect(t.replays).toEqual([DEAD_LETTER_ID]);
  });

  it("tasks: dead letters for admins, nothing invented for others", async () => {
    const admin = await json(await get("/api/tasks", USERS.admin));
    expect(admin.incomplete).toEqual([]);
    expect(admin.items).toHaveLength(1);
    expect(admin.items[0]).toMatchObject({
      id: `outbox:${DEAD_LETTER_ID}`,
      source: "outbox",
      priority: "high",
      schoolId: "aoba-e",
    });
    expect(admin.items[0].title.ja).toContain("bot.sendCard");
    expect(await json(await get("/api/tasks", USERS.teacherA))).toEqual({ items: [], incomplete: [] });
    expect(await json(await get("/api/tasks", USERS.student))).toEqual({ items: [], incomplete: [] });
  });
});

describe("bot endpoint", () => {
  const activity = { type: "message", text: "こんにちは" };
  it("hands the request (body and headers) to the bot without user auth", async () => {
    const res = await t.app.request("/api/messages", {
      method: "POST",
      body: JSON.stringify(activity),
      headers: { "content-type": "application/json", authorization: "Bearer bot-framework-token" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echoed: activity, auth: "Bearer bot-framework-token" });
  });
  it("refuses bad bodies before the bot sees them", async () => {
    const wrongType = await t.app.request("/api/messages", {
      method: "POST",
      body: "hello",
      headers: { "content-type": "text/plain" },
    });
    expect(wrongType.status).toBe(415);
    const malformed = await t.app.request("/api/messages", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    const huge = await t.app.request("/api/messages", {
      method: "POST",
      body: JSON.stringify({ type: "message", text: "x".repeat(300 * 1024) }),
      headers: { "content-type": "application/json" },
    });
    expect(huge.status).toBe(413);
    expect((await t.app.request("/api/messages")).status).toBe(405);
  });
});

describe("failures of adapters", () => {
  it("a bug → logged 500 INTERNAL without internals; upstream trouble → 503 with Retry-After", async () => {
    const broken = await startTestApp({
      storage: {
        audit: {
          verify: async (schoolId: string) => {
            if (schoolId === "aoba-e")
              throw new TypeError("Cannot read properties of undefined (reading 'secretThing')");
            throw new KomuError("UPSTREAM_UNAVAILABLE", { retryAfter: 7 });
          },
        },
      } as never,
    });
    try {
      const res = await broken.app.request("/api/audit/verify?schoolId=aoba-e", {
        headers: { authorization: `Bearer ${await broken.tokenFor(USERS.admin)}` },
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain("secretThing");
      expect(JSON.parse(text).error.code).toBe("INTERNAL");
      const logged = broken.logs.find((l) => l.level === "error");
      expect(JSON.stringify(logged)).toContain("secretThing");
      expect(logged?.data?.requestId).toBe(res.headers.get("x-request-id"));

      const busy = await broken.app.request("/api/audit/verify?schoolId=nishi-e", {
        headers: { authorization: `Bearer ${await broken.tokenFor(USERS.admin)}` },
      });
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("7");
    } finally {
      await broken.stop();
    }
  });
});
