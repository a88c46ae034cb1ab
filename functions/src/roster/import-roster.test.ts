/**
 * The import against real Azure Tables (Azurite, own table prefix) with a fake account list:
 * creates, the second import of the same export changes nothing, removed rows are deactivated
 * (not deleted) and come back, a refused file writes nothing, two concurrent imports converge.
 */
import { isKomuError } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../storage/index.js";
import { createTestStorage } from "../storage/testing.js";
import type { StudentAccount } from "./accounts.js";
import { createRosterDirectory } from "./directory.js";
import { rosterRepos } from "./entities.js";
import { importRoster, type RosterImportDeps } from "./import-roster.js";
import { importTownRoster } from "./import-town.js";

const STUDENTS = "学籍番号,学校コード,学年,組,出席番号,姓,名,姓カナ,名カナ,性別,生年月日";
const GUARDIANS = "保護者番号,学籍番号,続柄,姓,名,姓カナ,名カナ,連絡先メール";
const s1 = "12026001,aoba-e,1,1,1,和田,澪,ワダ,ミオ,女,2019-05-02";
const s2 = "12026002,aoba-e,1,1,2,岡本,晴,オカモト,ハル,男,2019-07-06";
const s3 = "12026003,aoba-e,2,1,1,阿部,朝陽,アベ,アサヒ,男,2018-07-04";
const g1 = "G1,12026001,母,和田,由美,ワダ,ユミ,wada@example.jp";
const g2 = "G2,12026002,祖母,岡本,明美,オカモト,アケミ,";
const g3 = "G3,12026003,父,阿部,健,アベ,ケン,abe@example.jp";
const csv = (header: string, ...rows: string[]) =>
  new TextEncoder().encode(`\uFEFF${[header, ...rows].join("\r\n")}\r\n`);

let storage: Storage;
const accounts: StudentAccount[] = [
  { oid: "oid-1", employeeId: "12026001", upn: "someone@x" },
  { oid: "oid-2", employeeId: null, upn: "s12026002@aoba-edu.example" },
];
let listed = 0;
let deps: RosterImportDeps;
const invalidated: string[] = [];
const actor = { oid: "clerk", name: "事務 花子" };

beforeAll(async () => {
  storage = await createTestStorage();
  deps = {
    storage,
    accounts: {
      list: async () => {
        listed += 1;
        return accounts;
      },
    },
    onImported: (schoolId) => invalidated.push(schoolId),
  };
});
afterAll(async () => {
  await storage?.dispose();
});

const run = (input: { students?: Uint8Array; guardians?: Uint8Array }, schoolId = "aoba-e") =>
  importRoster(deps, { schoolId, ...input, actor, source: "api" });
const etags = async (schoolId = "aoba-e") => {
  const { students, guardians } = rosterRepos(storage);
  const all = [
    ...(await students.list(schoolId, { limit: 1000 })).items,
    ...(await guardians.list(schoolId, { limit: 1000 })).items,
  ];
  return Object.fromEntries(all.map((e) => [`${e.kind}:${e.id}`, e.etag]));
};

describe("importRoster", () => {
  it("creates students matched to their accounts (employeeId, else the UPN), then guardians", async () => {
    const report = await run({ students: csv(STUDENTS, s1, s2, s3) });
    expect(report).toEqual({
      schoolId: "aoba-e",
      students: { created: 3, updated: 0, unchanged: 0, deactivated: 0, matched: 2, unmatched: 1 },
      guardians: null,
    });
    const stored = await rosterRepos(storage).students.require("aoba-e", "12026002");
    expect(stored.data).toMatchObject({ grade: 1, class: 1, number: 2, surname: "岡本", oid: "oid-2", active: true });
    expect((await rosterRepos(storage).students.require("aoba-e", "12026003")).data.oid).toBeNull();
    const g = await run({ guardians: csv(GUARDIANS, g1, g2, g3) });
    expect(g.guardians).toEqual({ created: 3, updated: 0, unchanged: 0, deactivated: 0 });
    expect(g.students).toBeNull();
    expect(invalidated).toEqual(["aoba-e", "aoba-e"]);
  });

  it("changes nothing when the same export comes again (no writes: ETags unchanged)", async () => {
    const before = await etags();
    const report = await run({ students: csv(STUDENTS, s1, s2, s3), guardians: csv(GUARDIANS, g1, g2, g3) });
    expect(report.students).toMatchObject({ created: 0, updated: 0, unchanged: 3, deactivated: 0 });
    expect(report.guardians).toMatchObject({ created: 0, updated: 0, unchanged: 3, deactivated: 0 });
    expect(await etags()).toEqual(before);
  });

  it("deactivates a student missing from the export, updates a moved one, and reactivates on return", async () => {
    const moved = s2.replace(",1,1,2,", ",1,2,1,");
    const report = await run({ students: csv(STUDENTS, s1, moved) });
    expect(report.students).toMatchObject({ created: 0, updated: 1, unchanged: 1, deactivated: 1 });
    const gone = await rosterRepos(storage).students.require("aoba-e", "12026003");
    expect(gone.data.active).toBe(false);
    const directory = createRosterDirectory(storage);
    expect((await directory.students("aoba-e")).map((s) => [s.studentNumber, s.grade, s.class, s.number])).toEqual([
      ["12026001", 1, 1, 1],
      ["12026002", 1, 2, 1],
    ]);
    // The guardian of the transferred child is no longer listed (the child is inactive).
    expect((await directory.guardians("aoba-e")).map((g) => g.guardianNumber)).toEqual(["G1", "G2"]);
    const back = await run({ students: csv(STUDENTS, s1, moved, s3) });
    expect(back.students).toMatchObject({ created: 0, updated: 1, unchanged: 2, deactivated: 0 });
    expect((await rosterRepos(storage).students.require("aoba-e", "12026003")).data.active).toBe(true);
  });

  it("refuses a bad file whole: nothing written, no Graph call, rows named", async () => {
    const before = await etags();
    const calls = listed;
    const bad = csv(STUDENTS, s1, s2.replace(",岡本,", ",,"), s3.replace("aoba-e", "nishi-e"));
    const error = await run({ students: bad }).catch((e: unknown) => e);
    expect(isKomuError(error) && error.code).toBe("ROSTER_CSV_INVALID");
    expect(isKomuError(error) && (error.details as { rows: { row: number }[] }).rows.map((r) => r.row)).toEqual([3, 4]);
    expect(listed).toBe(calls);
    expect(await etags()).toEqual(before);
  });

  it("refuses guardians of a child not on the roster (nor in the same import)", async () => {
    const before = await etags();
    const error = await run({ guardians: csv(GUARDIANS, g1, "G9,12026999,父,某,某,,,") }).catch((e: unknown) => e);
    expect(isKomuError(error) && error.code).toBe("ROSTER_CSV_INVALID");
    expect(await etags()).toEqual(before);
    // A student removed in this same import is not a known child any more.
    const both = await run({ students: csv(STUDENTS, s1, s2), guardians: csv(GUARDIANS, g1, g2, g3) }).catch(
      (e: unknown) => e,
    );
    expect(isKomuError(both) && (both.details as { rows: { row: number }[] }).rows).toEqual([
      expect.objectContaining({ row: 4, column: "学籍番号" }),
    ]);
    expect(await etags()).toEqual(before);
  });

  it("appends roster.imported with the counts", async () => {
    const { items } = await storage.audit.list("aoba-e");
    const imported = items.filter((r) => r.event.kind === "roster.imported");
    expect(imported.length).toBe(5);
    expect(imported[0]?.event).toMatchObject({
      actor,
      target: { kind: "roster", id: "aoba-e" },
      data: { source: "api", students: { created: 3, matched: 2, unmatched: 1 } },
    });
  });

  it("converges when two imports of the same export run at once", async () => {
    const schoolId = "race-e";
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `3${String(i).padStart(7, "0")},race-e,${(i % 6) + 1},1,${Math.floor(i / 6) + 1},姓${i},名,,,男,2019-01-01`,
    );
    const [a, b] = await Promise.all([
      run({ students: csv(STUDENTS, ...rows) }, schoolId),
      run({ students: csv(STUDENTS, ...rows) }, schoolId),
    ]);
    expect((a.students?.created ?? 0) + (b.students?.created ?? 0)).toBeGreaterThanOrEqual(30);
    const after = await run({ students: csv(STUDENTS, ...rows) }, schoolId);
    expect(after.students).toMatchObject({ created: 0, updated: 0, unchanged: 30, deactivated: 0 });
  });
});

describe("importTownRoster", () => {
  it("splits a town export by 学校コード, guardians by their child's school", async () => {
    const town = await importTownRoster(deps, {
      schoolIds: ["east-e", "west-e"],
      students: csv(
        STUDENTS,
        s1.replace("aoba-e", "east-e"),
        s2.replace("aoba-e", "west-e"),
        s3.replace("aoba-e", "west-e"),
      ),
      guardians: csv(GUARDIANS, g1, g2, g3),
      actor: { oid: "system", name: "seed" },
      source: "seed",
    });
    expect(town.map((r) => [r.schoolId, r.students?.created, r.guardians?.created])).toEqual([
      ["east-e", 1, 1],
      ["west-e", 2, 2],
    ]);
    const directory = createRosterDirectory(storage);
    expect((await directory.guardians("west-e")).map((g) => [g.guardianNumber, g.child.name])).toEqual([
      ["G2", "岡本 晴"],
      ["G3", "阿部 朝陽"],
    ]);
    // A seed import that changes nothing leaves no audit event.
    const again = await importTownRoster(deps, {
      schoolIds: ["east-e", "west-e"],
      students: csv(
        STUDENTS,
        s1.replace("aoba-e", "east-e"),
        s2.replace("aoba-e", "west-e"),
        s3.replace("aoba-e", "west-e"),
      ),
      guardians: csv(GUARDIANS, g1, g2, g3),
      actor: { oid: "system", name: "seed" },
      source: "seed",
    });
    expect(again.every((r) => r.students?.unchanged && r.guardians?.unchanged && !r.students.created)).toBe(true);
    expect((await storage.audit.list("east-e")).items.map((r) => r.event.kind)).toEqual(["roster.imported"]);
  });

  it("refuses a row of a school the town does not have", async () => {
    const error = await importTownRoster(deps, {
      schoolIds: ["east-e"],
      students: csv(STUDENTS, s1.replace("aoba-e", "east-e"), s2.replace("aoba-e", "nowhere-e")),
      guardians: csv(GUARDIANS, g1),
      actor: { oid: "system", name: "seed" },
      source: "seed",
    }).catch((e: unknown) => e);
    expect(isKomuError(error) && error.code).toBe("ROSTER_CSV_INVALID");
  });
});

describe("massDeactivation", () => {
  it("flags more than a fifth of the active rows, and more than 5", async () => {
    const { massDeactivation } = await import("./import-roster.js");
    const active = Array.from({ length: 60 }, (_, i) => `s${i}`);
    expect(massDeactivation(active, new Set(active.slice(0, 5)))).toBe(55);
    expect(massDeactivation(active, new Set(active.slice(0, 55)))).toBeNull(); // 5 leaving: a transfer season
    expect(massDeactivation(active, new Set(active.slice(0, 47)))).toBe(13);
    expect(massDeactivation(active.slice(0, 20), new Set(active.slice(0, 13)))).toBe(7);
    expect(massDeactivation(active.slice(0, 20), new Set(active.slice(0, 14)))).toBe(6);
    expect(massDeactivation([], new Set())).toBeNull();
  });
});
