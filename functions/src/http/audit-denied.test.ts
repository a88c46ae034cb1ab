import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oncePerWindow } from "../audit/rate-limit.js";
import type { AppDeps } from "../deps.js";
import { startTestApp, type TestApp, USERS } from "./test-app.js";

let t: TestApp;
let now = new Date("2026-06-01T00:00:00.000Z");

beforeAll(async () => {
  t = await startTestApp();
  (t.deps as { clock: AppDeps["clock"] }).clock = () => now;
});
afterAll(() => t.stop());

const get = async (path: string, oid: string) =>
  t.app.request(path, { headers: { authorization: `Bearer ${await t.tokenFor(oid)}` } });
const denied = () => t.audited.filter((a) => a.event.kind === "auth.denied");
const verified = () => t.audited.filter((a) => a.event.kind === "admin.auditVerified");

describe("auth.denied is rate limited per (user, school, capability)", () => {
  it("a flood of 403s appends one event per 5 minutes; the rest go to the app log", async () => {
    t.audited.length = 0;
    for (let i = 0; i < 20; i++) {
      expect((await get("/api/audit/verify?schoolId=higashi-e", USERS.teacherA)).status).toBe(403);
    }
    expect(denied()).toHaveLength(1);
    expect(t.logs.filter((l) => /auth\.denied/.test(l.message) && l.data?.schoolId === "higashi-e")).toHaveLength(19);

    // Another school, another user: their own first event.
    expect((await get("/api/audit/verify?schoolId=nishi-e", USERS.teacherA)).status).toBe(403);
    expect((await get("/api/audit/verify?schoolId=higashi-e", USERS.principalA)).status).toBe(403);
    expect(denied().map((a) => [a.schoolId, a.event.actor])).toEqual([
      ["higashi-e", expect.objectContaining({ oid: USERS.teacherA })],
      ["nishi-e", expect.objectContaining({ oid: USERS.teacherA })],
      ["higashi-e", expect.objectContaining({ oid: USERS.principalA })],
    ]);

    now = new Date(now.getTime() + 4 * 60_000);
    await get("/api/audit/verify?schoolId=higashi-e", USERS.teacherA);
    expect(denied()).toHaveLength(3);
    now = new Date(now.getTime() + 61_000);
    await get("/api/audit/verify?schoolId=higashi-e", USERS.teacherA);
    expect(denied()).toHaveLength(4);
  });
});

describe("admin.auditVerified is recorded once per (user, school) per minute", () => {
  it("repeated verifications answer every time but append once a minute", async () => {
    t.audited.length = 0;
    for (let i = 0; i < 5; i++) {
      const res = await get("/api/audit/verify?schoolId=aoba-e", USERS.principalA);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ schoolId: "aoba-e", ok: true });
    }
    expect(verified()).toHaveLength(1);
    expect((await get("/api/audit/verify?schoolId=aoba-e", USERS.admin)).status).toBe(200);
    expect((await get("/api/audit/verify?schoolId=nishi-e", USERS.admin)).status).toBe(200);
    expect(verified().map((a) => [a.schoolId, (a.event.actor as { oid: string }).oid])).toEqual([
      ["aoba-e", USERS.principalA],
      ["aoba-e", USERS.admin],
      ["nishi-e", USERS.admin],
    ]);
    now = new Date(now.getTime() + 61_000);
    await get("/api/audit/verify?schoolId=aoba-e", USERS.principalA);
    expect(verified()).toHaveLength(4);
  });
});

describe("oncePerWindow", () => {
  it("allows a key once per window and stays bounded", () => {
    const limiter = oncePerWindow(1000, 3);
    const at = (ms: number) => new Date(ms);
    expect(limiter.allow("a", at(0))).toBe(true);
    expect(limiter.allow("a", at(999))).toBe(false);
    expect(limiter.allow("a", at(1000))).toBe(true);
    for (const k of ["b", "c", "d", "e"]) expect(limiter.allow(k, at(1100))).toBe(true);
    expect(limiter.size).toBeLessThanOrEqual(3);
    expect(limiter.allow("e", at(1200))).toBe(false);
    limiter.forget("e");
    expect(limiter.allow("e", at(1200))).toBe(true);
    // Expired keys are dropped as time passes.
    limiter.allow("z", at(10_000));
    expect(limiter.size).toBe(1);
  });
});
