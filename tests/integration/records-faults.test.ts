/**
 * Filing while the local tenant fails 30% of SharePoint calls (429/503 with Retry-After, slow
 * answers, connections dropped before OR after the tenant acted): every record ends up filed,
 * each exactly once in SharePoint (one item carrying its KomuRecordId, no stray copies).
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
const DOCS = 12;
const FY = fiscalYearOf(new Date());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let platform: RunningPlatform;
let token = "";

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  token = await signIn(platform, KNOWN_USERS.aobaHeadTeacher.upn);
  // Warm the principal cache while the tenant is healthy (faults are about SharePoint here).
  expect((await fetch(`${platform.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

const pdf = (n: number) =>
  new TextEncoder().encode(`%PDF-1.4\n% 職員会議資料 ${n}\ntrailer << /Root 1 0 R >>\n%%EOF\n${"x".repeat(200 + n)}`);

async function api(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(body ? { body } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("filing under a 30% faulty SharePoint", () => {
  it("files every record exactly once", async () => {
    const uploads: string[] = [];
    for (let i = 0; i < DOCS; i++) {
      const r = await api("POST", `/api/schools/${SCHOOL}/records/uploads`, Buffer.from(pdf(i)), {
        "x-komu-file-name": encodeURIComponent(`職員会議資料 ${i % 4}.pdf`), // names repeat: clashes too
      });
      expect(r.status).toBe(201);
      uploads.push(r.body.uploadId);
    }

    platform.tenant.ctx.config.faultRate = 0.3;
    const ids: string[] = [];
    const statuses: number[] = [];
    for (const [i, uploadId] of uploads.entries()) {
      const r = await api(
        "POST",
        `/api/schools/${SCHOOL}/records`,
        JSON.stringify({ uploadId, title: `職員会議資料 ${i}`, fiscalYear: FY, categoryCode: "C-02" }),
        { "content-type": "application/json" },
      );
      expect([201, 202], JSON.stringify(r.body)).toContain(r.status);
      statuses.push(r.status);
      ids.push(r.body.id);
    }

    const records = platform.deps.records;
    if (!records) throw new Error("records module not wired");
    const deadline = Date.now() + 150_000;
    let pending = ids.length;
    while (pending > 0 && Date.now() < deadline) {
      await sleep(1000);
      const rows = await Promise.all(ids.map((id) => records.storage.entities.get("record", SCHOOL, id)));
      pending = rows.filter((r) => (r?.data as { status?: string } | undefined)?.status !== "filed").length;
    }
    platform.tenant.ctx.config.faultRate = 0;
    console.info(
      `records-faults: ${DOCS} filings at 30% faults: ${statuses.filter((s) => s === 201).length} filed inline, ${statuses.filter((s) => s === 202).length} finished by the worker; still pending ${pending}`,
    );
    expect(pending).toBe(0);

    // Count in the tenant itself: one item per record, no file without a record id.
    const school = platform.tenant.ctx.store.collection<{ siteId: string }>("schools").get(SCHOOL);
    const lists = platform.tenant.ctx.store.collection<{ displayName: string; driveId?: string; siteId: string }>(
      "sp.lists",
    );
    const library = [...lists.values()].find((l) => l.displayName === "学校文書" && l.siteId === school?.siteId);
    const files = [
      ...platform.tenant.ctx.store
        .collection<{ driveId: string; isFolder: boolean; name: string; fields: Record<string, unknown> }>("sp.items")
        .values(),
    ].filter((i) => i.driveId === library?.driveId && !i.isFolder && i.name.startsWith("職員会議資料"));
    for (const id of ids)
      expect(
        files.filter((f) => f.fields.KomuRecordId === id),
        id,
      ).toHaveLength(1);
    expect(files).toHaveLength(DOCS);
    expect(new Set(files.map((f) => f.name)).size).toBe(DOCS); // clashing names were numbered
  }, 200_000);
});
