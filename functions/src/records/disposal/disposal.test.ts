import { afterEach, describe, expect, it } from "vitest";
import type { EffectInfo } from "../../outbox/types.js";
import type { Storage } from "../../storage/index.js";
import { codeOf, createTestStorage } from "../../storage/testing.js";
import { disposalEntity, recordEntity, recordsSettingsEntity } from "../entities.js";
import { disposalCandidates } from "./candidates.js";
import { decideDisposal } from "./decide.js";
import { DISPATCH_EFFECT, DISPOSE_EFFECT, dispatchDisposal } from "./dispatch.js";
import { disposeEffect } from "./dispose-effect.js";
import { proposeDisposal } from "./propose.js";
import { disposalTaskSource } from "./task-source.js";
import { fakeGraph, principalOf, recordData } from "./testing.js";

const clerk = principalOf("o-clerk", "事務 花子", ["clerk"]);
const vice = principalOf("o-vice", "小島 智子", ["vicePrincipal"]);
const principal = principalOf("o-principal", "松尾 俊介", ["principal"]);
const teacher = principalOf("o-teacher", "伊藤 綾", ["teacher"]);

let storage: Storage;
afterEach(async () => {
  await storage?.dispose();
});

/** 2021-05-01 JST: a 1-year record of 年度 2019 has expired (2021-03-31); 年度 2021. */
let now = new Date("2021-05-01T00:00:00+09:00");
const clock = () => now;

async function seed() {
  storage = await createTestStorage();
  now = new Date("2021-05-01T00:00:00+09:00");
  const records = storage.entities.repo(recordEntity);
  await storage.entities.repo(recordsSettingsEntity).create("aoba-e", "settings", {
    schoolKind: "elementary",
    abbreviation: "青小",
    numberFormats: { receipt: "{略称}受第{番号}号", dispatch: "{略称}第{番号}号" },
    library: {
      siteId: "s",
      listId: "l",
      driveId: "drive-1",
      webUrl: null,
      provisionedAt: now.toISOString(),
      columns: [],
    },
  });
  await records.create("aoba-e", "r-old-1", recordData({ title: "古い 1", driveItemId: "i1", sha256: "1".repeat(64) }));
  await records.create("aoba-e", "r-old-2", recordData({ title: "古い 2", driveItemId: "i2", sha256: "2".repeat(64) }));
  // 年度 2020, 1 year: ends 2022-03-31 (due in the review of 2021, not expired until 2022-04-01).
  await records.create("aoba-e", "r-2020", recordData({ title: "2020 1年", fiscalYear: 2020, driveItemId: "i3" }));
  await records.create("aoba-e", "r-5y", recordData({ title: "5年", retention: "5", driveItemId: "i4" }));
  await records.create("aoba-e", "r-perm", recordData({ title: "永年", retention: "permanent", driveItemId: "i5" }));
  await records.create(
    "aoba-e",
    "r-grad",
    recordData({ title: "学籍", retention: "20", trigger: "graduation", eventDate: null, driveItemId: "i6" }),
  );
  await records.create("aoba-e", "r-filing", recordData({ title: "保存中", status: "filing", driveItemId: null }));
  await records.create("higashi-e", "r-other", recordData({ title: "他校" }));
}

const info = (payload: { disposalId: string; recordId: string }): EffectInfo => ({
  id: "effect",
  kind: DISPOSE_EFFECT,
  schoolId: "aoba-e",
  dedupeKey: `${payload.disposalId}:${payload.recordId}`,
  attempt: 1,
  signal: new AbortController().signal,
});

const auditKinds = async () => (await storage.audit.list("aoba-e", { limit: 1000 })).items.map((r) => r.event);

describe("disposal candidates and proposal", () => {
  it("lists filed records whose retention ends by the end of the 年度, oldest first, per school", async () => {
    await seed();
    const deps = { storage };
    expect((await disposalCandidates(deps, "aoba-e", 2020)).map((i) => i.recordId)).toEqual(["r-old-1", "r-old-2"]);
    const y2021 = await disposalCandidates(deps, "aoba-e", 2021);
    expect(y2021.map((i) => [i.recordId, i.retentionUntil, i.status])).toEqual([
      ["r-old-1", "2021-03-31", "pending"],
      ["r-old-2", "2021-03-31", "pending"],
      ["r-2020", "2022-03-31", "pending"],
    ]);
    expect((await disposalCandidates(deps, "aoba-e", 2024)).map((i) => i.recordId)).toContain("r-5y");
    expect((await disposalCandidates(deps, "aoba-e", 2200)).map((i) => i.recordId)).not.toContain("r-perm");
    expect((await disposalCandidates(deps, "aoba-e", 2200)).map((i) => i.recordId)).not.toContain("r-grad");
    expect((await disposalCandidates(deps, "higashi-e", 2021)).map((i) => i.recordId)).toEqual(["r-other"]);
  });

  it("proposes the list (less exclusions), audits it, and takes the records off the candidates", async () => {
    await seed();
    const deps = { storage, clock };
    expect(await codeOf(proposeDisposal(deps, teacher, "aoba-e", { fiscalYear: 2021, exclude: [] }))).toBe("FORBIDDEN");
    expect(await codeOf(proposeDisposal(deps, clerk, "aoba-e", { fiscalYear: 2022, exclude: [] }))).toBe(
      "FISCAL_YEAR_IN_FUTURE",
    );
    expect(await codeOf(proposeDisposal(deps, clerk, "aoba-e", { fiscalYear: 2019, exclude: [] }))).toBe(
      "NOTHING_TO_DISPOSE",
    );
    const list = await proposeDisposal(deps, clerk, "aoba-e", { fiscalYear: 2021, exclude: ["r-old-2"] });
    expect(list.data).toMatchObject({ status: "proposed", fiscalYear: 2021, proposedBy: { oid: "o-clerk" } });
    expect(list.data.items.map((i) => i.recordId)).toEqual(["r-old-1", "r-2020"]);
    expect((await disposalCandidates(deps, "aoba-e", 2021)).map((i) => i.recordId)).toEqual(["r-old-2"]);
    const proposed = (await auditKinds()).find((e) => e.kind === "records.disposalProposed");
    expect(proposed).toMatchObject({ target: { kind: "disposal", id: list.id }, data: { fiscalYear: 2021, count: 2 } });
    // The principal sees it in 自分のタスク; the vice principal does not.
    const taskDeps = { storage, clock } as never;
    const tasks = await disposalTaskSource().list({ principal, deps: taskDeps });
    expect(tasks).toMatchObject([{ kind: "records.disposalApproval", title: { ja: "廃棄予定一覧の承認" } }]);
    expect(await disposalTaskSource().list({ principal: vice, deps: taskDeps })).toEqual([]);
  });
});

describe("disposal decision, dispatch and the dispose effect", () => {
  async function proposed() {
    await seed();
    const deps = { storage, clock };
    return proposeDisposal(deps, clerk, "aoba-e", { fiscalYear: 2021, exclude: [] });
  }

  it("only the principal decides; If-Match is required; a second different decision is refused", async () => {
    const list = await proposed();
    const deps = { storage, clock };
    const approve = { decision: "approve" as const };
    expect(await codeOf(decideDisposal(deps, vice, "aoba-e", list.id, approve, list.etag))).toBe("FORBIDDEN");
    expect(await codeOf(decideDisposal(deps, principal, "aoba-e", list.id, approve, undefined))).toBe(
      "PRECONDITION_REQUIRED",
    );
    expect(await codeOf(decideDisposal(deps, principal, "aoba-e", list.id, approve, 'W/"stale"'))).toBe("STALE_ETAG");
    const decided = await decideDisposal(
      deps,
      principal,
      "aoba-e",
      list.id,
      { ...approve, comment: "承認" },
      list.etag,
    );
    expect(decided.data).toMatchObject({ status: "approved", decidedBy: { oid: "o-principal" }, comment: "承認" });
    expect(decided.data.items.map((i) => [i.recordId, i.status])).toEqual([
      ["r-old-1", "pending"],
      ["r-old-2", "pending"],
      ["r-2020", "awaitingExpiry"],
    ]);
    // A double tap with the old ETag answers the same decision; nothing changes.
    const again = await decideDisposal(deps, principal, "aoba-e", list.id, approve, list.etag);
    expect(again.etag).toBe(decided.etag);
    expect(await codeOf(decideDisposal(deps, principal, "aoba-e", list.id, { decision: "reject" }, decided.etag))).toBe(
      "DISPOSAL_ALREADY_DECIDED",
    );
    const decidedEvents = (await auditKinds()).filter((e) => e.kind === "records.disposalDecided");
    expect(decidedEvents).toHaveLength(1);
  });

  it("deletes expired records, keeps a tombstone, audits each once; later ones wait for their expiry", async () => {
    const list = await proposed();
    const deps = { storage, clock };
    await decideDisposal(deps, principal, "aoba-e", list.id, { decision: "approve" }, list.etag);
    const dispatched = await dispatchDisposal(deps, "aoba-e", list.id, now);
    expect(dispatched).toEqual({ enqueued: 2, awaiting: 1 });
    const records = storage.entities.repo(recordEntity);
    expect((await records.require("aoba-e", "r-2020")).data).toMatchObject({
      status: "disposalApproved",
      disposalId: list.id,
    });

    const { graph, deletes } = fakeGraph((id) => (id === "i2" ? 404 : 204));
    const effect = disposeEffect({ storage, graph, clock });
    for (const recordId of ["r-old-1", "r-old-2"]) {
      const payload = { disposalId: list.id, recordId };
      await effect(payload, 1, info(payload));
      await effect(payload, 2, info(payload)); // a rerun is a no-op
    }
    expect(deletes).toEqual(["i1", "i2"]);
    const old1 = (await records.require("aoba-e", "r-old-1")).data;
    expect(old1).toMatchObject({ status: "disposed", disposalId: list.id, webUrl: null, sha256: "1".repeat(64) });
    expect(old1.title).toBe("古い 1");
    const disposed = (await auditKinds()).filter((e) => e.kind === "records.disposed");
    expect(disposed.map((e) => [e.target.id, e.data])).toEqual([
      [
        "r-old-1",
        expect.objectContaining({ sha256: "1".repeat(64), approvedBy: { oid: "o-principal", name: "松尾 俊介" } }),
      ],
      ["r-old-2", expect.objectContaining({ sha256: "2".repeat(64), disposalId: list.id })],
    ]);
    let d = await storage.entities.repo(disposalEntity).require("aoba-e", list.id);
    expect(d.data.status).toBe("approved");
    expect(d.data.items.map((i) => [i.recordId, i.status, i.deletedAt !== null])).toEqual([
      ["r-old-1", "deleted", true],
      ["r-old-2", "deleted", true],
      ["r-2020", "awaitingExpiry", false],
    ]);

    // 2022-04-01 JST: the 2020 record's retention has passed; the daily dispatch queues it.
    now = new Date("2022-04-01T00:30:00+09:00");
    expect(await dispatchDisposal(deps, "aoba-e", list.id, now)).toEqual({ enqueued: 1, awaiting: 0 });
    const payload = { disposalId: list.id, recordId: "r-2020" };
    await effect(payload, 1, info(payload));
    d = await storage.entities.repo(disposalEntity).require("aoba-e", list.id);
    expect(d.data.status).toBe("completed");
    expect(deletes).toEqual(["i1", "i2", "i3"]);
    expect(await storage.audit.verify("aoba-e")).toMatchObject({ ok: true });
  });

  it("a SharePoint refusal marks the item failed with the reason and returns the record; 503 is retried", async () => {
    const list = await proposed();
    const deps = { storage, clock };
    await decideDisposal(deps, principal, "aoba-e", list.id, { decision: "approve" }, list.etag);
    await dispatchDisposal(deps, "aoba-e", list.id, now);
    const { graph } = fakeGraph((id) => (id === "i1" ? 403 : 503));
    const effect = disposeEffect({ storage, graph, clock });
    const p1 = { disposalId: list.id, recordId: "r-old-1" };
    await effect(p1, 1, info(p1));
    const p2 = { disposalId: list.id, recordId: "r-old-2" };
    await expect(effect(p2, 1, info(p2))).rejects.toMatchObject({ statusCode: 503 });

    const d = await storage.entities.repo(disposalEntity).require("aoba-e", list.id);
    const [i1, i2] = d.data.items;
    expect(i1).toMatchObject({ status: "failed", failure: { code: "accessDenied" } });
    expect(i1?.failure?.message.ja).toContain("SharePoint が削除を拒否しました（403");
    expect(i2?.status).toBe("pending");
    const records = storage.entities.repo(recordEntity);
    expect((await records.require("aoba-e", "r-old-1")).data).toMatchObject({ status: "filed", disposalId: null });
    expect((await auditKinds()).filter((e) => e.kind === "records.disposed")).toEqual([]);
    // The principal is told.
    const tasks = await disposalTaskSource().list({ principal, deps: { storage, clock } as never });
    expect(tasks.map((t) => t.kind)).toEqual(["records.disposalFailed"]);
    // The refused record is a candidate again for a later list.
    expect((await disposalCandidates(deps, "aoba-e", 2021)).map((i) => i.recordId)).toEqual(["r-old-1"]);
  });

  it("after a crash between the tombstone and the item update, a rerun does not audit twice", async () => {
    const list = await proposed();
    const deps = { storage, clock };
    await decideDisposal(deps, principal, "aoba-e", list.id, { decision: "approve" }, list.etag);
    await dispatchDisposal(deps, "aoba-e", list.id, now);
    const { graph } = fakeGraph(() => 204);
    const effect = disposeEffect({ storage, graph, clock });
    const payload = { disposalId: list.id, recordId: "r-old-1" };
    await effect(payload, 1, info(payload));
    // Put the item back to "pending", as if the process died before its last write.
    const repo = storage.entities.repo(disposalEntity);
    const d = await repo.require("aoba-e", list.id);
    await repo.update(
      "aoba-e",
      list.id,
      { items: d.data.items.map((i) => (i.recordId === "r-old-1" ? { ...i, status: "pending", deletedAt: null } : i)) },
      d.etag,
      { mode: "merge" },
    );
    await effect(payload, 2, info(payload));
    expect((await auditKinds()).filter((e) => e.kind === "records.disposed")).toHaveLength(1);
    expect((await repo.require("aoba-e", list.id)).data.items[0]?.status).toBe("deleted");
  });

  it("waits (retryable, nothing deleted) while a new version of the record is still being written", async () => {
    const list = await proposed();
    const deps = { storage, clock };
    const records = storage.entities.repo(recordEntity);
    // A version was accepted just before the approval; its effect has not run yet.
    const r = await records.require("aoba-e", "r-old-1");
    await records.update("aoba-e", "r-old-1", { pendingUploadId: "u-new" }, r.etag, { mode: "merge" });
    const decided = await decideDisposal(deps, principal, "aoba-e", list.id, { decision: "approve" }, list.etag);
    await dispatchDisposal(deps, "aoba-e", decided.id, now);
    const { graph, deletes } = fakeGraph(() => 204);
    const effect = disposeEffect({ storage, graph, clock });
    const payload = { disposalId: list.id, recordId: "r-old-1" };
    await expect(effect(payload, 1, info(payload))).rejects.toMatchObject({ name: "RetryableError" });
    expect(deletes).toEqual([]);
    expect((await auditKinds()).filter((e) => e.kind === "records.disposed")).toEqual([]);

    // The version is written (new hash): the deletion goes ahead and audits that hash.
    const pending = await records.require("aoba-e", "r-old-1");
    await records.update("aoba-e", "r-old-1", { pendingUploadId: null, sha256: "9".repeat(64) }, pending.etag, {
      mode: "merge",
    });
    await effect(payload, 2, info(payload));
    expect(deletes).toEqual(["i1"]);
    const disposed = (await auditKinds()).filter((e) => e.kind === "records.disposed");
    expect(disposed.map((e) => e.data.sha256)).toEqual(["9".repeat(64)]);
  });

  it("a record whose retention was extended after the proposal is kept", async () => {
    const list = await proposed();
    const deps = { storage, clock };
    await decideDisposal(deps, principal, "aoba-e", list.id, { decision: "approve" }, list.etag);
    const records = storage.entities.repo(recordEntity);
    const r = await records.require("aoba-e", "r-old-1");
    await records.update("aoba-e", "r-old-1", { retention: "10", retentionUntil: "2030-03-31" }, r.etag, {
      mode: "merge",
    });
    await dispatchDisposal(deps, "aoba-e", list.id, now);
    const { graph, deletes } = fakeGraph(() => 204);
    const payload = { disposalId: list.id, recordId: "r-old-1" };
    await disposeEffect({ storage, graph, clock })(payload, 1, info(payload));
    expect(deletes).toEqual([]);
    const item = (await storage.entities.repo(disposalEntity).require("aoba-e", list.id)).data.items[0];
    expect(item).toMatchObject({ status: "kept", failure: { code: "RETENTION_NOT_EXPIRED" } });
    expect((await records.require("aoba-e", "r-old-1")).data.status).toBe("filed");
  });

  it("rejection keeps every record, enqueues nothing and frees the records for a later list", async () => {
    const list = await proposed();
    const deps = { storage, clock };
    const rejected = await decideDisposal(deps, principal, "aoba-e", list.id, { decision: "reject" }, list.etag);
    expect(rejected.data.status).toBe("rejected");
    expect(rejected.data.items.every((i) => i.status === "kept")).toBe(true);
    expect(await dispatchDisposal(deps, "aoba-e", list.id, now)).toEqual({ enqueued: 0, awaiting: 0 });
    expect((await disposalCandidates(deps, "aoba-e", 2021)).length).toBe(3);
    const stats = await storage.outbox.stats();
    expect(stats.pending).toBe(0);
    expect(DISPATCH_EFFECT).toBe("records.disposalDispatch");
  });
});
