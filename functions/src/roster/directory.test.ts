import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../storage/index.js";
import { createTestStorage } from "../storage/testing.js";
import { createRosterDirectory } from "./directory.js";
import { rosterRepos } from "./entities.js";

let storage: Storage;
const student = (n: string, grade: number, cls: number, number: number, active = true, oid: string | null = null) => ({
  studentNumber: n,
  grade,
  class: cls,
  number,
  surname: `姓${n}`,
  givenName: "名",
  surnameKana: "セイ",
  givenNameKana: "メイ",
  oid,
  active,
});
const guardian = (g: string, n: string, active = true) => ({
  guardianNumber: g,
  studentNumber: n,
  relationship: "母",
  surname: "保",
  givenName: "護",
  surnameKana: "",
  givenNameKana: "",
  email: "",
  active,
});

beforeAll(async () => {
  storage = await createTestStorage();
  const { students, guardians } = rosterRepos(storage);
  await students.create("s", "5", student("5", 2, 1, 1));
  await students.create("s", "1", student("1", 1, 2, 1, true, "oid-1"));
  await students.create("s", "2", student("2", 1, 1, 2));
  await students.create("s", "3", student("3", 1, 1, 1));
  await students.create("s", "4", student("4", 1, 1, 3, false));
  await guardians.create("s", "G2.2", guardian("G2", "2"));
  await guardians.create("s", "G1.3", guardian("G1", "3"));
  await guardians.create("s", "G0.2", guardian("G0", "2"));
  await guardians.create("s", "G4.4", guardian("G4", "4"));
  await guardians.create("s", "G5.5", guardian("G5", "5", false));
});
afterAll(async () => {
  await storage?.dispose();
});

describe("createRosterDirectory", () => {
  it("orders active students by 学年, 組, 出席番号 and filters by grade or class", async () => {
    const d = createRosterDirectory(storage);
    expect((await d.students("s")).map((s) => s.studentNumber)).toEqual(["3", "2", "1", "5"]);
    expect((await d.students("s", [{ grade: 1, class: 1 }])).map((s) => s.studentNumber)).toEqual(["3", "2"]);
    expect((await d.students("s", [{ grade: 1 }, { grade: 2, class: 1 }])).map((s) => s.studentNumber)).toEqual([
      "3",
      "2",
      "1",
      "5",
    ]);
    expect(await d.students("s", [])).toEqual([]);
    expect((await d.students("s"))[0]).toEqual({
      studentNumber: "3",
      grade: 1,
      class: 1,
      number: 1,
      name: "姓3 名",
      kana: "セイ メイ",
      oid: null,
    });
  });

  it("lists active guardians of active children by child, and counts classes", async () => {
    const d = createRosterDirectory(storage);
    expect((await d.guardians("s")).map((g) => `${g.guardianNumber}/${g.child.studentNumber}`)).toEqual([
      "G1/3",
      "G0/2",
      "G2/2",
    ]);
    expect(await d.classes("s")).toEqual([
      { grade: 1, class: 1, students: 2, guardians: 3 },
      { grade: 1, class: 2, students: 1, guardians: 0 },
      { grade: 2, class: 1, students: 1, guardians: 0 },
    ]);
    expect(await d.studentByOid("s", "oid-1")).toMatchObject({ studentNumber: "1" });
    expect(await d.studentByOid("s", "nobody")).toBeNull();
  });

  it("serves a cached copy for 30 s unless invalidated", async () => {
    let clock = 0;
    const d = createRosterDirectory(storage, { now: () => clock });
    expect(await d.students("s")).toHaveLength(4);
    const row = await rosterRepos(storage).students.require("s", "5");
    await rosterRepos(storage).students.update("s", "5", { ...row.data, active: false }, row.etag);
    expect(await d.students("s")).toHaveLength(4);
    clock = 29_000;
    expect(await d.students("s")).toHaveLength(4);
    clock = 30_000;
    expect(await d.students("s")).toHaveLength(3);
    const back = await rosterRepos(storage).students.require("s", "5");
    await rosterRepos(storage).students.update("s", "5", { ...back.data, active: true }, back.etag);
    d.invalidate?.("s");
    expect(await d.students("s")).toHaveLength(4);
  });
});
