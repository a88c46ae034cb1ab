/**
 * 廃棄 (disposal) against the real local platform: back-dated records (年度 2019, 1-year
 * retention: long expired) are filed into the school's SharePoint library; the clerk lists the
 * candidates and proposes the 廃棄予定一覧; the vice principal cannot approve it; the principal does;
 * the outbox worker deletes the documents from SharePoint (Graph 404 afterwards), the record rows
 * become tombstones, the audit chain holds one `records.disposed` per document with its hash, the
 * approver and when, and verifies. A document under a retention label that blocks deletion is
 * reported failed with SharePoint's reason; a record whose retention has not passed yet waits.
 */
import { runDisposalJob } from "@komu/functions/records/disposal/job";
import { recordEntity, recordsSettingsEntity } from "@komu/functions/records/entities";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { fiscalYearOf } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

const SCHOOL = "aoba-e";
const current = fiscalYearOf(new Date());
let platform: RunningPlatform;
let clerk: string;
let vice: string;
let principal: string;
let driveId: string;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady; // the platform provisions every seeded school's library
  const settings = await platform.deps.storage.entities.repo(recordsSettingsEntity).require(SCHOOL, "settings");
  driveId = settings.data.library?.driveId as string;
  [clerk, vice, principal] = await Promise.all([
    signIn(platform, KNOWN_USERS.aobaClerk.upn),
    signIn(platform, KNOWN_USERS.aobaVicePrincipal.upn),
    signIn(platform, KNOWN_USERS.aobaPrincipal.upn),
  ]);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function call(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
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
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/** Stages and files a PDF as a record of `fiscalYear` under G-03 (1 year); returns the record view. */
async function fileRecord(title: string, fiscalYear: number): Promise<Json> {
  const up = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${clerk}`,
      "content-type": "application/pdf",
      "x-komu-file-name": encodeURIComponent(`${title}.pdf`),
    },
    body: pdf(title),
  });
  const staged = (await up.json()) as Json;
  expect(up.status, JSON.stringify(staged)).toBe(201);
  const filed = await call(clerk, "POST", `/api/schools/${SCHOOL}/records`, {
    uploadId: staged.uploadId,
    title,
    fiscalYear,
    categoryCode: "G-03",
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return filed.body;
}

const driveItemOf = async (recordId: string) =>
  (await platform.deps.storage.entities.repo(recordEntity).require(SCHOOL, recordId)).data;

async function graphStatus(itemId: string): Promise<number> {
  try {
    await platform.deps.graph.app.api(`/drives/${driveId}/items/${itemId}`).get();
    return 200;
  } catch (e) {
    return (e as { statusCode?: number }).statusCode ?? -1;
  }
}

describe("disposal on the local platform", () => {
  it("candidates → proposal → the principal (not the vice principal) approves → deleted, tombstoned, audited", async () => {
    const old: Json[] = [];
    for (let i = 1; i <= 3; i++) old.push(await fileRecord(`平成31年度 照会回答 ${i}`, 2019));
    const labelled = await fileRecord("平成31年度 訴訟関係（保存）", 2019);
    const waiting = await fileRecord("前年度の照会回答", current - 1);
    const recent = await fileRecord("今年度の照会回答", current);
    // A retention label that blocks deletion, applied in SharePoint (e.g. a litigation hold).
    const labelledItem = (await driveItemOf(labelled.id)).driveItemId as string;
    await platform.deps.graph.app
      .api(`/drives/${driveId}/items/${labelledItem}/retentionLabel`)
      .patch({ name: "訴訟ホールド" });

    const candidates = await call(clerk, "GET", `/api/schools/${SCHOOL}/disposals/candidates?fiscalYear=${current}`);
    expect(candidates.status).toBe(200);
    const candidateIds = candidates.body.items.map((i: Json) => i.recordId);
    expect(new Set(candidateIds)).toEqual(new Set([...old.map((r) => r.id), labelled.id, waiting.id]));
    expect(candidateIds).not.toContain(recent.id);
    expect(candidates.body.items.find((i: Json) => i.recordId === old[0].id)).toMatchObject({
      retentionUntil: "2021-03-31",
      sha256: old[0].sha256,
      status: "pending",
    });
    const teacherToken = await signIn(platform, KNOWN_USERS.aobaTeacher.upn);
    expect((await call(teacherToken, "GET", `/api/schools/${SCHOOL}/disposals/candidates`)).status).toBe(403);

    const proposed = await call(clerk, "POST", `/api/schools/${SCHOOL}/disposals`, { fiscalYear: current });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ status: "proposed", fiscalYear: current, schoolId: SCHOOL });
    expect(proposed.body.items).toHaveLength(5);
    const id = proposed.body.id;
    // Nothing left to propose: the same records are on the open list.
    const again = await call(clerk, "POST", `/api/schools/${SCHOOL}/disposals`, { fiscalYear: current });
    expect(again.body.error.code).toBe("NOTHING_TO_DISPOSE");

    const tasks = await call(principal, "GET", "/api/tasks");
    expect(tasks.body.items).toContainEqual(
      expect.objectContaining({
        kind: "records.disposalApproval",
        title: expect.objectContaining({ ja: "廃棄予定一覧の承認" }),
      }),
    );

    const calls = platform.deps.graph.calls;
    const deletesBefore = sumOf(calls.snapshot(), "DELETE");
    const unitsBefore = sumOf(calls.unitsSnapshot?.() ?? {}, "DELETE");
    const decision = `/api/schools/${SCHOOL}/disposals/${id}/decision`;
    const byVice = await call(vice, "POST", decision, { decision: "approve" }, { "if-match": proposed.body.etag });
    expect(byVice.status).toBe(403);
    const noEtag = await call(principal, "POST", decision, { decision: "approve" });
    expect(noEtag.status).toBe(428);
    const approved = await call(
      principal,
      "POST",
      decision,
      { decision: "approve", comment: "保存期間満了のため廃棄を承認します" },
      { "if-match": proposed.body.etag },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      status: "approved",
      decidedBy: { oid: KNOWN_USERS.aobaPrincipal.id, name: KNOWN_USERS.aobaPrincipal.displayName },
    });
    // A double tap answers the same decision; a different one is refused.
    const doubleTap = await call(
      principal,
      "POST",
      decision,
      { decision: "approve" },
      { "if-match": proposed.body.etag },
    );
    expect(doubleTap.status).toBe(200);
    expect(doubleTap.body.decidedAt).toBe(approved.body.decidedAt);
    const reject = await call(principal, "POST", decision, { decision: "reject" }, { "if-match": approved.body.etag });
    expect(reject.body.error.code).toBe("DISPOSAL_ALREADY_DECIDED");

    // The outbox worker (the local job runner) carries it out.
    const settled = await waitFor(async () => {
      const d = await call(principal, "GET", `/api/schools/${SCHOOL}/disposals/${id}`);
      return d.body.items.some((i: Json) => i.status === "pending") ? null : d.body;
    });
    // One Graph call (DELETE, 2 RU) per document due now: 3 deleted + 1 refused; none for the one waiting.
    expect(sumOf(calls.snapshot(), "DELETE") - deletesBefore).toBe(4);
    expect(sumOf(calls.unitsSnapshot?.() ?? {}, "DELETE") - unitsBefore).toBe(8);
    const status = (recordId: string) => settled.items.find((i: Json) => i.recordId === recordId);
    for (const r of old) expect(status(r.id)).toMatchObject({ status: "deleted", deletedAt: expect.any(String) });
    expect(status(labelled.id)).toMatchObject({ status: "failed", failure: { code: "accessDenied" } });
    expect(status(labelled.id).failure.message.ja).toContain("SharePoint が削除を拒否しました");
    expect(status(labelled.id).failure.message.en).toContain("訴訟ホールド");
    expect(status(waiting.id)).toMatchObject({ status: "awaitingExpiry", retentionUntil: `${current + 1}-03-31` });
    expect(settled.status).toBe("approved");

    // SharePoint: the deleted documents are gone, the others are still there.
    for (const r of old) {
      const row = await driveItemOf(r.id);
      expect(row).toMatchObject({ status: "disposed", disposalId: id, sha256: r.sha256, title: r.title });
      expect(await graphStatus(row.driveItemId as string)).toBe(404);
    }
    expect(await graphStatus(labelledItem)).toBe(200);
    expect((await driveItemOf(labelled.id)).status).toBe("filed");
    expect(await graphStatus((await driveItemOf(waiting.id)).driveItemId as string)).toBe(200);
    expect((await driveItemOf(waiting.id)).status).toBe("disposalApproved");

    // The audit chain: one records.disposed per document, with its hash, the approver and when.
    const events = await auditEvents();
    const disposed = events.filter((e) => e.kind === "records.disposed");
    expect(disposed.map((e) => e.target.id).sort()).toEqual(old.map((r) => r.id).sort());
    for (const r of old) {
      const e = disposed.find((x) => x.target.id === r.id);
      expect(e.data).toEqual({
        disposalId: id,
        title: r.title,
        sha256: r.sha256,
        approvedBy: { oid: KNOWN_USERS.aobaPrincipal.id, name: KNOWN_USERS.aobaPrincipal.displayName },
        approvedAt: approved.body.decidedAt,
        retentionUntil: "2021-03-31",
      });
    }
    expect(events.filter((e) => e.kind === "records.disposalProposed")).toHaveLength(1);
    expect(events.filter((e) => e.kind === "records.disposalDecided")).toMatchObject([
      { actor: { oid: KNOWN_USERS.aobaPrincipal.id }, data: { decision: "approve", count: 5 } },
    ]);
    const verify = await call(principal, "GET", `/api/audit/verify?schoolId=${SCHOOL}`);
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);

    // The daily job leaves the not-yet-expired record waiting (its retention ends next 31 March).
    await runDisposalJob(platform.deps, new Date());
    const later = await call(principal, "GET", `/api/schools/${SCHOOL}/disposals/${id}`);
    expect(later.body.items.find((i: Json) => i.recordId === waiting.id).status).toBe("awaitingExpiry");
    expect(await graphStatus((await driveItemOf(waiting.id)).driveItemId as string)).toBe(200);

    // The principal is told about the refused one, which is a candidate again for a later list.
    const after = await call(principal, "GET", "/api/tasks");
    expect(after.body.items).toContainEqual(expect.objectContaining({ kind: "records.disposalFailed" }));
    const next = await call(clerk, "GET", `/api/schools/${SCHOOL}/disposals/candidates?fiscalYear=${current}`);
    expect(next.body.items.map((i: Json) => i.recordId)).toEqual([labelled.id]);
    const lists = await call(vice, "GET", `/api/schools/${SCHOOL}/disposals`);
    expect(lists.body.items.map((d: Json) => d.id)).toEqual([id]);
  }, 180_000);
});

const sumOf = (counts: Record<string, number>, method: string) =>
  Object.entries(counts)
    .filter(([operation]) => operation.startsWith(`${method} `))
    .reduce((total, [, n]) => total + n, 0);

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error("timed out waiting for the disposal to be carried out");
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function auditEvents(): Promise<Json[]> {
  const out: Json[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await platform.deps.storage.audit.list(SCHOOL, {
      limit: 1000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    out.push(...page.items.map((r) => r.event));
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return out;
}
