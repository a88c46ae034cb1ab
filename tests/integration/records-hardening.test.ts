/**
 * Records, registers and disposal under hostile or careless callers, on the real local platform:
 * what a caller without a need sees of class I/II items, forged cursors and ids, staged uploads
 * that belong to someone else, refusals that leave nothing half done.
 */
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { fiscalYearOf } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

const SCHOOL = "aoba-e";
const FY = fiscalYearOf(new Date());
const WITHHELD = "（非表示：重要性分類 I・II）";
let platform: RunningPlatform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  const users = {
    teacher: KNOWN_USERS.aobaTeacher.upn,
    head: KNOWN_USERS.aobaHeadTeacher.upn,
    principal: KNOWN_USERS.aobaPrincipal.upn,
    clerk: KNOWN_USERS.aobaClerk.upn,
  };
  for (const [k, upn] of Object.entries(users)) tokens[k] = await signIn(platform, upn);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function call(
  who: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const pdf = (label: string) =>
  new TextEncoder().encode(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

async function stage(who: string, fileName: string, bytes: Uint8Array): Promise<string> {
  const res = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      "content-type": "application/pdf",
      "x-komu-file-name": encodeURIComponent(fileName),
    },
    body: Buffer.from(bytes),
  });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.uploadId;
}

async function file(who: string, title: string, over: Record<string, unknown> = {}): Promise<Json> {
  const uploadId = await stage(who, `${title}.pdf`, pdf(title));
  const res = await call(who, "POST", `/api/schools/${SCHOOL}/records`, {
    uploadId,
    title,
    fiscalYear: FY,
    categoryCode: "G-03",
    ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe("disposal lists and candidates", () => {
  it("withhold the 件名 and file name of class I/II records from the clerk, not from the principal", async () => {
    const secret = await file("principal", "児童の家庭状況に関する照会回答", { fiscalYear: 2019, classification: "I" });
    const open = await file("principal", "平成31年度 学校だより", { fiscalYear: 2019 });

    const asClerk = await call("clerk", "GET", `/api/schools/${SCHOOL}/disposals/candidates?fiscalYear=${FY}`);
    expect(asClerk.status).toBe(200);
    const clerkItem = (id: string, items: Json[]) => items.find((i: Json) => i.recordId === id);
    expect(clerkItem(secret.id, asClerk.body.items)).toMatchObject({
      title: WITHHELD,
      fileName: WITHHELD,
      classification: "I",
      retentionUntil: "2021-03-31",
    });
    expect(clerkItem(open.id, asClerk.body.items)).toMatchObject({ title: open.title, fileName: open.fileName });
    expect(JSON.stringify(asClerk.body)).not.toContain("家庭状況");

    const asPrincipal = await call("principal", "GET", `/api/schools/${SCHOOL}/disposals/candidates?fiscalYear=${FY}`);
    expect(clerkItem(secret.id, asPrincipal.body.items)).toMatchObject({ title: secret.title });

    const proposed = await call("clerk", "POST", `/api/schools/${SCHOOL}/disposals`, { fiscalYear: FY });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const id = proposed.body.id;
    for (const answer of [
      proposed.body,
      (await call("clerk", "GET", `/api/schools/${SCHOOL}/disposals/${id}`)).body,
      ...(await call("clerk", "GET", `/api/schools/${SCHOOL}/disposals`)).body.items,
    ]) {
      expect(JSON.stringify(answer)).not.toContain("家庭状況");
      expect(clerkItem(secret.id, answer.items).title).toBe(WITHHELD);
    }
    const forPrincipal = await call("principal", "GET", `/api/schools/${SCHOOL}/disposals/${id}`);
    expect(clerkItem(secret.id, forPrincipal.body.items).title).toBe(secret.title);
  });
});

describe("record list cursors", () => {
  it("a forged cursor is a 400, never a 500", async () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v), "utf8").toString("base64url");
    for (const cursor of [enc({ t: "garbage", s: 1 }), enc({ s: 0.5 }), "%%%"]) {
      const res = await call("teacher", "GET", `/api/schools/${SCHOOL}/records?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("a real cursor still pages through the list", async () => {
    await file("teacher", "ページ送り 1");
    await file("teacher", "ページ送り 2");
    const first = await call("teacher", "GET", `/api/schools/${SCHOOL}/records?q=ページ送り&limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(
      "teacher",
      "GET",
      `/api/schools/${SCHOOL}/records?q=ページ送り&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe("staged uploads belong to whoever staged them", () => {
  it("another staff member cannot file, register or version someone else's upload; its owner still can", async () => {
    const uploadId = await stage("teacher", "家庭訪問記録.pdf", pdf("家庭訪問記録"));
    const meta = { uploadId, title: "横取り", fiscalYear: FY, categoryCode: "G-03" };
    const filed = await call("head", "POST", `/api/schools/${SCHOOL}/records`, meta);
    expect(filed.status).toBe(404);
    expect(filed.body.error).toMatchObject({ code: "UPLOAD_NOT_FOUND", details: { uploadId, reason: "missing" } });

    const line = { title: "横取り", counterpart: "青葉町教育委員会", channel: "email", categoryCode: "G-03", uploadId };
    const registered = await call("clerk", "POST", `/api/schools/${SCHOOL}/registers/receipt`, line);
    expect(registered.body.error?.code).toBe("UPLOAD_NOT_FOUND");
    const lines = await call("clerk", "GET", `/api/schools/${SCHOOL}/registers/receipt?fiscalYear=${FY}`);
    expect(lines.body.items.filter((l: Json) => l.title === "横取り")).toEqual([]); // no number taken

    const mine = await file("head", "教務だより");
    const versioned = await call(
      "head",
      "POST",
      `/api/schools/${SCHOOL}/records/${mine.id}/versions`,
      { uploadId },
      { "if-match": mine.etag },
    );
    expect(versioned.body.error?.code).toBe("UPLOAD_NOT_FOUND");
    const unchanged = await call("head", "GET", `/api/schools/${SCHOOL}/records/${mine.id}`);
    expect(unchanged.body).toMatchObject({ versionCount: 1, etag: mine.etag });

    const own = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, { ...meta, title: "家庭訪問記録" });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ fileName: "家庭訪問記録.pdf", author: { oid: KNOWN_USERS.aobaTeacher.id } });
  });
});

describe("list reads of class I/II metadata", () => {
  const viewedLists = async (oid: string) => {
    const events: Json[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await platform.deps.storage.audit.list(SCHOOL, {
        limit: 1000,
        ...(continuationToken ? { continuationToken } : {}),
      });
      events.push(...page.items.map((r) => r.event));
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return events.filter(
      (e) => e.kind === "records.viewed" && e.actor.oid === oid && ["list", "register", "export"].includes(e.data.how),
    );
  };

  it("one records.viewed event per list answer names the class I/II records shown, none for what was withheld", async () => {
    const secret = await file("principal", "教職員の人事評価の控え", { classification: "I" });
    const open = await file("principal", "学年だより 12月号");

    const before = (await viewedLists(KNOWN_USERS.aobaPrincipal.id)).length;
    const asPrincipal = await call("principal", "GET", `/api/schools/${SCHOOL}/records?fiscalYear=${FY}&limit=200`);
    expect(asPrincipal.status).toBe(200);
    expect(asPrincipal.body.items.map((i: Json) => i.id)).toContain(secret.id);
    const events = await viewedLists(KNOWN_USERS.aobaPrincipal.id);
    expect(events.length).toBe(before + 1);
    const last = events[events.length - 1];
    expect(last.data).toMatchObject({ how: "list", classification: "I" });
    expect(last.data.ids).toContain(secret.id);
    expect(last.data.ids).not.toContain(open.id);

    // The teacher is not shown the class I record: nothing of it is recorded as read by them.
    const asTeacher = await call("teacher", "GET", `/api/schools/${SCHOOL}/records?fiscalYear=${FY}&limit=200`);
    expect(asTeacher.body.items.map((i: Json) => i.id)).not.toContain(secret.id);
    const teacherEvents = await viewedLists(KNOWN_USERS.aobaTeacher.id);
    expect(teacherEvents.flatMap((e) => e.data.ids ?? [])).not.toContain(secret.id);
  });

  it("the API refuses a forged author or link (only modules set them when filing on someone's behalf)", async () => {
    const uploadId = await stage("teacher", "forged.pdf", pdf("forged"));
    for (const extra of [{ authorName: "校長 松尾" }, { related: { kind: "approval", id: "a1" } }]) {
      const res = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
        uploadId,
        title: "forged",
        fiscalYear: FY,
        categoryCode: "G-03",
        ...extra,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    // The upload was not consumed: the honest request still files it.
    const ok = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId,
      title: "honest",
      fiscalYear: FY,
      categoryCode: "G-03",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.authorName).toBe(KNOWN_USERS.aobaTeacher.displayName);
  });
});
