import { describe, expect, it } from "vitest";
import type { RosterDirectory, RosterGuardian, RosterStudent } from "../../roster/index.js";
import type { GroupMembers } from "./group-members.js";
import { resolveAudience } from "./resolve-audience.js";

const groups: Record<string, { oid: string; name: string }[]> = {
  "komu-s1-staff": [
    { oid: "a", name: "青木 陽子" },
    { oid: "b", name: "伊藤 綾" },
    { oid: "c", name: "上田 紀子" },
  ],
  "komu-s1-teacher": [
    { oid: "b", name: "伊藤 綾" },
    { oid: "c", name: "上田 紀子" },
  ],
  "komu-s1-gradeHead": [{ oid: "b", name: "伊藤 綾" }],
};
const members: GroupMembers = { of: async (nick) => groups[nick] ?? [] };

const student = (n: string, grade: number, klass: number, number: number, oid: string | null): RosterStudent => ({
  studentNumber: n,
  grade,
  class: klass,
  number,
  name: `生徒 ${n}`,
  kana: "",
  oid,
});
const students = [student("1", 1, 1, 1, "o1"), student("2", 1, 2, 1, null), student("3", 2, 1, 1, "o3")];
const guardian = (g: string, child: RosterStudent): RosterGuardian => ({
  guardianNumber: g,
  studentNumber: child.studentNumber,
  relationship: "母",
  name: `保護者 ${g}`,
  kana: "",
  email: "",
  child,
});
const roster: RosterDirectory = {
  classes: async () => [],
  students: async (_s, gs) =>
    students.filter(
      (s) => !gs || gs.some((g) => g.grade === s.grade && (g.class === undefined || g.class === s.class)),
    ),
  guardians: async (_s, gs) =>
    [guardian("g1", students[0] as RosterStudent), guardian("g3", students[2] as RosterStudent)].filter(
      (g) => !gs || gs.some((x) => x.grade === g.child.grade && (x.class === undefined || x.class === g.child.class)),
    ),
  studentByOid: async () => null,
};

describe("resolveAudience", () => {
  it("staff: the staff group without roles; each role's group, one recipient per person", async () => {
    const all = await resolveAudience({ members }, "s1", { kind: "staff", roles: [] });
    expect(all.recipients.map((r) => r.key).sort()).toEqual(["u-a", "u-b", "u-c"]);
    expect(all.groups).toEqual([{ label: "教職員", count: 3 }]);
    const roles = await resolveAudience({ members }, "s1", { kind: "staff", roles: ["teacher", "gradeHead"] });
    expect(roles.recipients.map((r) => r.key).sort()).toEqual(["u-b", "u-c"]);
    expect(roles.groups).toEqual([
      { label: "教諭", count: 2 },
      { label: "学年主任", count: 1 },
    ]);
    expect(roles.recipients.find((r) => r.oid === "b")).toMatchObject({ kind: "staff", key: "u-b", name: "伊藤 綾" });
  });

  it("students: those with an account; the others named in a warning", async () => {
    const r = await resolveAudience({ roster }, "s1", { kind: "students", groups: [{ grade: 1 }] });
    expect(r.recipients.map((x) => x.key)).toEqual(["u-o1"]);
    expect(r.recipients[0]).toMatchObject({ kind: "student", grade: 1, class: 1, number: 1, studentNumber: "1" });
    expect(r.groups).toEqual([{ label: "1年1組", count: 1 }]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]?.ja).toContain("1年2組1番 生徒 2");
  });

  it("guardians: one per guardian and child, keyed g-<保護者番号>-<学籍番号>; students without a guardian warned", async () => {
    const r = await resolveAudience({ roster }, "s1", { kind: "guardians", groups: [] });
    expect(r.recipients.map((x) => x.key)).toEqual(["g-g1-1", "g-g3-3"]);
    expect(r.recipients[1]).toMatchObject({ kind: "guardian", oid: null, childName: "生徒 3", grade: 2, class: 1 });
    expect(r.warnings[0]?.ja).toContain("保護者が名簿に登録されていない児童生徒が 1 名");
  });

  it("nobody when the directory is absent", async () => {
    expect((await resolveAudience({}, "s1", { kind: "staff", roles: [] })).recipients).toEqual([]);
  });
});
