import { afterEach, describe, expect, it } from "vitest";
import type { Storage, StoredEntity } from "../../storage/index.js";
import { createTestStorage } from "../../storage/testing.js";
import { type RecordData, registerEntryEntity } from "../entities.js";
import { assignNumber } from "./assign-number.js";
import { voidLineOfFailedRecord } from "./void-after-failed-filing.js";

const actor = { oid: "a1b2c3d4-0000-4000-8000-000000000001", name: "事務 花子" };
const schools = { get: async (id: string) => ({ id, name: "青葉小学校" }) };
const failure = {
  code: "RECORD_FILING_FAILED",
  message: { ja: "SharePoint に保存できませんでした。", en: "Not stored." },
};

let storage: Storage;
afterEach(async () => {
  await storage?.dispose();
});

async function reserve(recordId: string) {
  return assignNumber(
    { storage, schools },
    {
      schoolId: "aoba-e",
      register: "receipt",
      date: "2026-05-11",
      title: "通知",
      counterpart: "青葉町教育委員会",
      channel: "mail",
      categoryCode: "G-01",
      classification: "III",
      actor,
      recordId,
    },
  );
}

const record = (id: string, related: RecordData["related"]) =>
  ({ schoolId: "aoba-e", id, data: { related } }) as unknown as StoredEntity<RecordData>;

describe("a register line whose document failed to file for good", () => {
  it("is voided with the reason, once, and the void is audited", async () => {
    storage = await createTestStorage();
    const { entry } = await reserve("r1");
    const voided = await voidLineOfFailedRecord({ storage }, record("r1", { kind: "register", id: entry.id }), failure);
    expect(voided).not.toBeNull();
    const line = await storage.entities.repo(registerEntryEntity).require("aoba-e", entry.id);
    expect(line.data).toMatchObject({
      status: "voided",
      voidReason: "保存失敗: SharePoint に保存できませんでした。（RECORD_FILING_FAILED）",
    });
    // A second call (the effect retried) changes nothing.
    expect(
      await voidLineOfFailedRecord({ storage }, record("r1", { kind: "register", id: entry.id }), failure),
    ).toBeNull();
    const voids = (await storage.audit.list("aoba-e")).items.filter((r) => r.event.kind === "records.numberVoided");
    expect(voids.map((r) => r.event.target.id)).toEqual([entry.id]);
  });

  it("leaves other lines alone: another record's, or a record filed outside the registers", async () => {
    storage = await createTestStorage();
    const { entry } = await reserve("r2");
    expect(
      await voidLineOfFailedRecord({ storage }, record("r-other", { kind: "register", id: entry.id }), failure),
    ).toBeNull();
    expect(await voidLineOfFailedRecord({ storage }, record("r2", { kind: "approval", id: "a1" }), failure)).toBeNull();
    expect(await voidLineOfFailedRecord({ storage }, record("r2", null), failure)).toBeNull();
    const line = await storage.entities.repo(registerEntryEntity).require("aoba-e", entry.id);
    expect(line.data.status).toBe("reserved");
  });
});
