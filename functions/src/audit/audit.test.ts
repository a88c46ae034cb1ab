import type { AuditEventInput } from "@komu/shared/audit/events";
import { describe, expect, it } from "vitest";
import { TABLES } from "../storage/names.js";
import { createTestStorage, isTableInsert, loseNextReply } from "../storage/testing.js";
import { eventRowKey, HEAD_KEY } from "./chain.js";

const actor = { oid: "11111111-2222-3333-4444-555555555555", name: "青葉 花子" };

const updated = (i: number): AuditEventInput => ({
  kind: "entity.updated",
  actor,
  target: { kind: "notice", id: `n${i}` },
  data: { changes: { title: { from: `旧${i}`, to: `新${i}` } } },
});

async function seeded(n: number, schoolId = "aoba-e") {
  const storage = await createTestStorage();
  for (let i = 1; i <= n; i++) await storage.audit.append(schoolId, updated(i));
  return { storage, table: await storage.resources.table(TABLES.audit) };
}

describe("AuditLog (Azurite)", () => {
  it("appends 20 events in order and verifies the chain", async () => {
    const { storage } = await seeded(20);
    const v = await storage.audit.verify("aoba-e");
    expect(v).toEqual({ ok: true, checked: 20, lastSeq: 20 });
    const page = await storage.audit.list("aoba-e", { limit: 100 });
    expect(page.items.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(page.items[0]?.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < 20; i++) expect(page.items[i]?.prevHash).toBe(page.items[i - 1]?.hash);
    expect(page.items[4]?.event).toMatchObject({ kind: "entity.updated", actor, target: { kind: "notice", id: "n5" } });
    expect(page.items[4]?.event.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Recording the verification appends to the chain, which stays intact.
    expect((await storage.audit.verify("aoba-e", { recordBy: actor })).ok).toBe(true);
    const last = (await storage.audit.list("aoba-e", { fromSeq: 21 })).items;
    expect(last.map((r) => [r.seq, r.event.kind, r.event.data])).toEqual([
      [21, "admin.auditVerified", { ok: true, checked: 20 }],
    ]);
    expect(await storage.audit.verify("aoba-e")).toEqual({ ok: true, checked: 21, lastSeq: 21 });
    // Schools have separate chains.
    expect(await storage.audit.verify("higashi-e")).toEqual({ ok: true, checked: 0, lastSeq: 0 });
  });

  it("names exactly the modified event", async () => {
    const { storage, table } = await seeded(20);
    const row = await table.getEntity<Record<string, unknown>>("aoba-e", eventRowKey(7));
    const tampered = (row.v0 as string).replace("新7", "改ざん");
    expect(tampered).not.toBe(row.v0);
    await table.updateEntity({ partitionKey: "aoba-e", rowKey: eventRowKey(7), v0: tampered }, "Merge");
    const v = await storage.audit.verify("aoba-e");
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ seq: 7, id: row.id, reason: "hash mismatch" });
    expect(v.checked).toBe(7);
  });

  it("a forged row with a recomputed hash is caught at the next link", async () => {
    const { storage, table } = await seeded(10);
    const { chainHash } = await import("./chain.js");
    const row = await table.getEntity<Record<string, unknown>>("aoba-e", eventRowKey(4));
    const ev = JSON.parse(row.v0 as string);
    ev.data.changes.title.to = "forged";
    const hash = chainHash(4, row.prevHash as string, ev);
    await table.updateEntity({ partitionKey: "aoba-e", rowKey: eventRowKey(4), v0: JSON.stringify(ev), hash }, "Merge");
    const v = await storage.audit.verify("aoba-e");
    expect(v.firstBroken).toMatchObject({ seq: 5, reason: "prevHash mismatch" });
  });

  it("names the gap when an event is deleted, and a truncated tail via the head", async () => {
    const { storage, table } = await seeded(20);
    await table.deleteEntity("aoba-e", eventRowKey(12));
    expect((await storage.audit.verify("aoba-e")).firstBroken).toEqual({ seq: 12, id: null, reason: "gap" });

    const tail = await seeded(5, "boe");
    await tail.table.deleteEntity("boe", eventRowKey(5));
    expect((await tail.storage.audit.verify("boe")).firstBroken).toEqual({ seq: 5, id: null, reason: "gap" });
  });

  it("a changed denormalised column counts as tampering", async () => {
    const { storage, table } = await seeded(3);
    await table.updateEntity({ partitionKey: "aoba-e", rowKey: eventRowKey(2), kind: "entity.deleted" }, "Merge");
    expect((await storage.audit.verify("aoba-e")).firstBroken).toMatchObject({ seq: 2, reason: "hash mismatch" });
  });

  it("concurrent appends never fork the chain", async () => {
    const storage = await createTestStorage();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => storage.audit.append("nishi-e", updated(i))),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await storage.audit.verify("nishi-e")).toEqual({ ok: true, checked: 12, lastSeq: 12 });
  });

  it("a head left behind by a crash does not break the chain", async () => {
    const { storage, table } = await seeded(5);
    const head = await table.getEntity<Record<string, unknown>>("aoba-e", HEAD_KEY);
    const third = await table.getEntity<Record<string, unknown>>("aoba-e", eventRowKey(3));
    // As if the head update after events 4 and 5 had been lost.
    await table.updateEntity({ partitionKey: "aoba-e", rowKey: HEAD_KEY, seq: 3, hash: third.hash }, "Replace", {
      etag: head.etag,
    });
    const appended = await storage.audit.append("aoba-e", updated(6));
    expect(appended.seq).toBe(6);
    expect(await storage.audit.verify("aoba-e")).toEqual({ ok: true, checked: 6, lastSeq: 6 });
    expect((await table.getEntity<Record<string, unknown>>("aoba-e", HEAD_KEY)).seq).toBe(6);
  });

  it("rejects malformed events", async () => {
    const storage = await createTestStorage();
    await expect(
      storage.audit.append("aoba-e", {
        kind: "entity.updated",
        actor,
        target: { kind: "notice", id: "x" },
        data: {},
      } as unknown as AuditEventInput),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(storage.audit.append("bad school", updated(1))).rejects.toMatchObject({ code: "INVALID_ID" });
  });

  it("an append whose reply was lost is not appended again (the SDK's retry gets 409 for our own event)", async () => {
    const { storage, table } = await seeded(2);
    const lost = loseNextReply(table, (req) => isTableInsert(req) && /RowKey|e0000/.test(String(req.body)));
    let appended: Awaited<ReturnType<typeof storage.audit.append>>;
    try {
      appended = await storage.audit.append("aoba-e", updated(3));
    } finally {
      lost.restore();
    }
    expect(lost.dropped).toBe(1);
    expect(appended.seq).toBe(3);
    const items = (await storage.audit.list("aoba-e")).items;
    expect(items.map((r) => [r.seq, r.event.target.id])).toEqual([
      [1, "n1"],
      [2, "n2"],
      [3, "n3"],
    ]);
    expect(await storage.audit.verify("aoba-e")).toEqual({ ok: true, checked: 3, lastSeq: 3 });
    // The chain carries on after it.
    expect((await storage.audit.append("aoba-e", updated(4))).seq).toBe(4);
  }, 15_000);
});
