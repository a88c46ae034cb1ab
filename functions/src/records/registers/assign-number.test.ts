import { afterEach, describe, expect, it } from "vitest";
import type { Storage } from "../../storage/index.js";
import { TABLES } from "../../storage/names.js";
import { createTestStorage, isTableInsert, loseNextReply } from "../../storage/testing.js";
import { recordsSettingsEntity, registerEntryEntity, registerHeadEntity } from "../entities.js";
import { type AssignNumberInput, assignNumber } from "./assign-number.js";
import { defaultAbbreviation } from "./number-settings.js";

const actor = { oid: "a1b2c3d4-0000-4000-8000-000000000001", name: "事務 花子" };
const schools = { get: async (id: string) => (id === "aoba-e" ? { id, name: "青葉小学校" } : undefined) };

const input = (over: Partial<AssignNumberInput> = {}): AssignNumberInput => ({
  schoolId: "aoba-e",
  register: "receipt",
  date: "2026-05-11",
  title: "教育委員会からの通知",
  counterpart: "青葉町教育委員会",
  channel: "mail",
  categoryCode: "C-01",
  classification: "III",
  actor,
  ...over,
});

let storage: Storage;
afterEach(async () => {
  await storage?.dispose();
});

const lines = async (s: Storage, schoolId = "aoba-e") =>
  (await s.entities.repo(registerEntryEntity).list(schoolId, { limit: 1000 })).items.map((e) => e.data);

describe("assignNumber", () => {
  it("gives 1, 2, 3 in the school's default format, one line and one audit event each", async () => {
    storage = await createTestStorage();
    const deps = { storage, schools };
    const got = [];
    for (let i = 0; i < 3; i++) got.push(await assignNumber(deps, input()));
    expect(got.map((g) => g.number)).toEqual(
      [1, 2, 3].map((serial) => ({
        register: "receipt",
        fiscalYear: 2026,
        serial,
        text: `青小受第${serial}号`,
      })),
    );
    expect(got[0]?.entry.id).toBe("receipt-2026-000001");
    expect(got[0]?.entry.data).toMatchObject({ status: "reserved", recordId: null, createdBy: actor });
    expect((await lines(storage)).map((l) => l.serial)).toEqual([1, 2, 3]);
    const events = (await storage.audit.list("aoba-e")).items.map((r) => r.event);
    expect(events.map((e) => [e.kind, e.target.id])).toEqual([
      ["records.numberAssigned", "receipt-2026-000001"],
      ["records.numberAssigned", "receipt-2026-000002"],
      ["records.numberAssigned", "receipt-2026-000003"],
    ]);
  });

  it("keeps receipt and dispatch apart, restarts each April (JST 年度) and uses the stored format", async () => {
    storage = await createTestStorage();
    await storage.entities.repo(recordsSettingsEntity).create("aoba-e", "settings", {
      schoolKind: "elementary",
      abbreviation: "青小",
      numberFormats: { receipt: "{略称}受第{番号}号", dispatch: "{和暦年度}年度{略称}第{番号}号" },
      library: null,
    });
    const deps = { storage };
    const march = await assignNumber(deps, input({ register: "dispatch", date: "2026-03-31" }));
    const april = await assignNumber(deps, input({ register: "dispatch", date: "2026-04-01" }));
    const receipt = await assignNumber(deps, input({ register: "receipt", date: "2026-04-01" }));
    const april2 = await assignNumber(deps, input({ register: "dispatch", date: "2026-04-02" }));
    expect(march.number).toMatchObject({ fiscalYear: 2025, serial: 1, text: "令和7年度青小第1号" });
    expect(april.number).toMatchObject({ fiscalYear: 2026, serial: 1, text: "令和8年度青小第1号" });
    expect(receipt.number).toMatchObject({ register: "receipt", fiscalYear: 2026, serial: 1, text: "青小受第1号" });
    expect(april2.number).toMatchObject({ fiscalYear: 2026, serial: 2 });
  });

  it("a create whose reply was lost is recognised by its claimId: the number is not skipped", async () => {
    storage = await createTestStorage();
    const deps = { storage, schools };
    await assignNumber(deps, input());
    const table = await storage.resources.table(TABLES.entities);
    // The next insert of a register line reaches Azurite, then the connection "resets"; the SDK
    // retries and gets 409 for the row it has just written itself.
    const lost = loseNextReply(table, (req) => isTableInsert(req) && String(req.body).includes("registerEntry:"));
    let second: Awaited<ReturnType<typeof assignNumber>>;
    try {
      second = await assignNumber(deps, input({ claimId: "claim-lost-reply" }));
    } finally {
      lost.restore();
    }
    expect(lost.dropped).toBe(1);
    expect(second.number.serial).toBe(2);
    expect(second.entry.data.claimId).toBe("claim-lost-reply");
    const third = await assignNumber(deps, input());
    expect(third.number.serial).toBe(3);
    expect((await lines(storage)).map((l) => [l.serial, l.claimId === "claim-lost-reply"])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    // One audit event per number, the lost reply included.
    const assigned = (await storage.audit.list("aoba-e")).items.filter(
      (r) => r.event.kind === "records.numberAssigned",
    );
    expect(assigned).toHaveLength(3);
  });

  it("walks forward from a lagging head hint and never reuses a number", async () => {
    storage = await createTestStorage();
    const deps = { storage, schools };
    for (let i = 0; i < 5; i++) await assignNumber(deps, input());
    const heads = storage.entities.repo(registerHeadEntity);
    const head = await heads.require("aoba-e", "receipt-2026");
    expect(head.data.lastSerial).toBe(5);
    // A hint left behind (e.g. the update after a claim was lost).
    await heads.update("aoba-e", "receipt-2026", { lastSerial: 1 }, head.etag);
    const next = await assignNumber(deps, input());
    expect(next.number.serial).toBe(6);
    expect((await heads.require("aoba-e", "receipt-2026")).data.lastSerial).toBe(6);
  });

  it("30 concurrent claims get 30 distinct consecutive numbers", async () => {
    storage = await createTestStorage();
    const deps = { storage, schools };
    const got = await Promise.all(
      Array.from({ length: 30 }, () => assignNumber(deps, input({ register: "dispatch" }))),
    );
    const serials = got.map((g) => g.number.serial).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(got.map((g) => g.number.text)).size).toBe(30);
    const head = await storage.entities.repo(registerHeadEntity).require("aoba-e", "dispatch-2026");
    expect(head.data.lastSerial).toBeLessThanOrEqual(30);
  }, 60_000);
});

describe("defaultAbbreviation", () => {
  it("takes the first character and 小/中 of a school name", () => {
    expect(defaultAbbreviation("青葉小学校")).toBe("青小");
    expect(defaultAbbreviation("青葉中学校")).toBe("青中");
    expect(defaultAbbreviation("東小学校")).toBe("東小");
    expect(defaultAbbreviation("青葉町教育委員会")).toBe("青葉町教育委員会");
  });
});
