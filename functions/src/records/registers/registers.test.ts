import { afterEach, describe, expect, it } from "vitest";
import type { Storage } from "../../storage/index.js";
import { codeOf, createTestStorage } from "../../storage/testing.js";
import { principalOf, recordData } from "../disposal/testing.js";
import { recordEntity, registerEntryEntity } from "../entities.js";
import { assignNumber } from "./assign-number.js";
import { toEntryView, WITHHELD } from "./entry-view.js";
import { contentDisposition } from "./export-register.js";
import { listEntries } from "./list-entries.js";
import { voidEntry } from "./void-entry.js";

const clerk = principalOf("o-clerk", "事務 花子", ["clerk"]);
const clerk2 = principalOf("o-clerk2", "事務 次郎", ["clerk"]);
const principal = principalOf("o-principal", "松尾 俊介", ["principal"]);
const teacher = principalOf("o-teacher", "伊藤 綾", ["teacher"]);
const schools = { get: async (id: string) => ({ id, name: "青葉小学校" }) };
const clock = () => new Date("2026-06-01T03:00:00Z");

let storage: Storage;
afterEach(async () => {
  await storage?.dispose();
});

async function lineWithRecord(status: "filing" | "filed" | "failed" | null, classification: "I" | "III" = "III") {
  const recordId = status ? `r-${Math.random().toString(16).slice(2, 10)}` : null;
  if (status && recordId) await storage.entities.repo(recordEntity).create("aoba-e", recordId, recordData({ status }));
  const { entry } = await assignNumber(
    { storage, schools },
    {
      schoolId: "aoba-e",
      register: "receipt",
      date: "2026-05-20",
      title: "人事に関する通知",
      counterpart: "青葉町教育委員会",
      channel: "mail",
      categoryCode: "G-03",
      classification,
      recordId,
      actor: { oid: clerk.oid, name: clerk.name },
    },
  );
  return entry;
}

describe("register lines", () => {
  it("show 'filed' once their record is (and remember it); the others as they are", async () => {
    storage = await createTestStorage();
    await lineWithRecord("filed");
    await lineWithRecord("filing");
    await lineWithRecord(null);
    const listed = await listEntries({ storage, clock }, teacher, "aoba-e", "receipt", 2026);
    expect(listed.items.map((i) => [i.serial, i.status])).toEqual([
      [1, "filed"],
      [2, "reserved"],
      [3, "reserved"],
    ]);
    const stored = await storage.entities.repo(registerEntryEntity).require("aoba-e", "receipt-2026-000001");
    expect(stored.data.status).toBe("filed");
    expect((await listEntries({ storage, clock }, teacher, "aoba-e", "receipt", 2025)).items).toEqual([]);
    expect(await codeOf(listEntries({ storage, clock }, teacher, "higashi-e", "receipt", 2026))).toBe("FORBIDDEN");
  });

  it("void: filed is final, filing must wait, failed or fileless can be voided (If-Match), audited", async () => {
    storage = await createTestStorage();
    const filed = await lineWithRecord("filed");
    const filing = await lineWithRecord("filing");
    const failed = await lineWithRecord("failed");
    const deps = { storage };
    const req = (serial: number, etag: string | undefined) => ({
      register: "receipt" as const,
      fiscalYear: 2026,
      serial,
      reason: "誤って登録",
      ifMatch: etag,
    });
    expect(await codeOf(voidEntry(deps, clerk, "aoba-e", req(1, filed.etag)))).toBe("REGISTER_ENTRY_FINAL");
    expect(await codeOf(voidEntry(deps, clerk, "aoba-e", req(2, filing.etag)))).toBe("RECORD_NOT_READY");
    expect(await codeOf(voidEntry(deps, teacher, "aoba-e", req(3, failed.etag)))).toBe("FORBIDDEN");
    expect(await codeOf(voidEntry(deps, clerk, "aoba-e", req(3, undefined)))).toBe("PRECONDITION_REQUIRED");
    const voided = await voidEntry(deps, clerk, "aoba-e", req(3, failed.etag));
    expect(voided.data).toMatchObject({ status: "voided", voidReason: "誤って登録" });
    const events = (await storage.audit.list("aoba-e")).items.map((r) => r.event);
    expect(events.filter((e) => e.kind === "records.numberVoided")).toMatchObject([
      { actor: { oid: "o-clerk" }, target: { id: "receipt-2026-000003" }, data: { serial: 3, reason: "誤って登録" } },
    ]);
  });

  it("withholds the subject and counterpart of class I/II lines from staff without a need", async () => {
    storage = await createTestStorage();
    const secret = await lineWithRecord(null, "I");
    expect(toEntryView(secret, clerk2)).toMatchObject({ title: WITHHELD, counterpart: WITHHELD, classification: "I" });
    expect(toEntryView(secret, clerk).title).toBe("人事に関する通知"); // the one who registered it
    expect(toEntryView(secret, principal).counterpart).toBe("青葉町教育委員会");
    const open = await lineWithRecord(null, "III");
    expect(toEntryView(open, clerk2).title).toBe("人事に関する通知");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII filename and an RFC 5987 filename*", () => {
    expect(contentDisposition("収受簿_2026年度_青葉小学校(写し).xlsx", "receipt-2026-aoba-e.xlsx")).toBe(
      `attachment; filename="receipt-2026-aoba-e.xlsx"; filename*=UTF-8''${encodeURIComponent("収受簿_2026年度_青葉小学校")}%28${encodeURIComponent("写し")}%29.xlsx`,
    );
  });
});
