import { describe, expect, it } from "vitest";
import type { TenantContext } from "../context.js";
import type { StoredGroup, StoredUser } from "../graph/directory/model.js";
import { createStore } from "../store.js";
import { parseCsv, toCsv } from "./csv.js";
import { KNOWN_GROUPS, KNOWN_USERS, SCHOOL_IDS } from "./known.js";
import { type GuardianRecord, loadSeed, type SchoolRecord } from "./load.js";
import { readRoster } from "./roster.js";

function seededContext() {
  const store = createStore();
  const ctx = { store } as unknown as TenantContext;
  const sites: string[] = [];
  const result = loadSeed(ctx, {
    ensureSite: (_c, o) => {
      sites.push(o.key);
      return { siteId: `site-${o.key}`, driveId: `drive-${o.key}` };
    },
  });
  return { store, result, sites };
}

describe("CSV", () => {
  it("round-trips quotes, commas, newlines and a BOM", () => {
    const text = toCsv(
      ["a", "b"],
      [
        ["x,y", 'he said "hi"'],
        ["改\n行", 1],
      ],
    );
    expect(parseCsv(`\uFEFF${text}`)).toEqual([
      { a: "x,y", b: 'he said "hi"' },
      { a: "改\n行", b: "1" },
    ]);
    expect(() => parseCsv("a,b\n1\n")).toThrow(/row 2/);
  });
});

describe("demo town roster", () => {
  const roster = readRoster();
  it("has the board and four schools with 20–30 staff each, two classes of five per grade", () => {
    expect(roster.schools.map((s) => s.学校コード)).toEqual([...SCHOOL_IDS]);
    for (const s of roster.schools) {
      const staff = roster.staff.filter((r) => r.学校コード === s.学校コード);
      if (s.種別 === "教育委員会") expect(staff.length).toBe(6);
      else {
        expect(staff.length).toBeGreaterThanOrEqual(20);
        expect(staff.length).toBeLessThanOrEqual(30);
        for (const title of ["校長", "教頭", "養護教諭", "事務職員", "教諭"])
          expect(staff.some((r) => r.職名 === title)).toBe(true);
        expect(staff.some((r) => r.校務分掌.includes("教務主任"))).toBe(true);
        const grades = s.種別 === "小学校" ? 6 : 3;
        expect(staff.filter((r) => r.校務分掌.includes("学年主任"))).toHaveLength(grades);
        expect(roster.students.filter((r) => r.学校コード === s.学校コード)).toHaveLength(grades * 2 * 5);
      }
    }
    expect(roster.guardians).toHaveLength(roster.students.length);
    expect(new Set(roster.staff.map((r) => r.メール)).size).toBe(roster.staff.length);
  });
});

describe("loadSeed", () => {
  it("creates users, groups by the naming rule, schools with sites, and guardians (not users)", () => {
    const { store, result, sites } = seededContext();
    const roster = readRoster();
    expect(result.users).toBe(roster.staff.length + roster.students.length);
    expect(sites).toEqual([...SCHOOL_IDS]);
    const schools = store.collection<SchoolRecord>("schools");
    expect(schools.get("aoba-j")).toEqual({
      id: "aoba-j",
      name: "青葉中学校",
      kind: "juniorHigh",
      abbreviation: "青中",
      siteId: "site-aoba-j",
      driveId: "drive-aoba-j",
    });
    expect(schools.get("boe")?.kind).toBe("board");
    const groups = [...store.collection<StoredGroup>("groups").values()];
    const nick = (n: string) => groups.find((g) => g.mailNickname === n);
    for (const s of ["aoba-e", "higashi-e", "nishi-e", "aoba-j"]) {
      for (const r of [
        "staff",
        "students",
        "principal",
        "vicePrincipal",
        "headTeacher",
        "gradeHead",
        "teacher",
        "nurse",
        "clerk",
      ])
        expect(nick(`komu-${s}-${r}`), `komu-${s}-${r}`).toBeDefined();
    }
    expect(nick("komu-boe-staff")?.members).toHaveLength(6);
    expect(nick("komu-boe-boardStaff")?.members).toHaveLength(6);
    expect(nick("komu-admins")?.members).toEqual([KNOWN_USERS.boardAdmin.id]);
    expect(nick("komu-aoba-e-students")?.members).toHaveLength(60);
    expect(nick("komu-aoba-e-principal")?.members).toEqual([KNOWN_USERS.aobaPrincipal.id]);
    const guardians = [...store.collection<GuardianRecord>("guardians").values()];
    expect(guardians).toHaveLength(roster.guardians.length);
    const users = store.collection<StoredUser>("users");
    expect(guardians.every((g) => users.has(g.studentId) && !users.has(g.id))).toBe(true);
    expect(guardians.some((g) => g.email.endsWith("@aoba-edu.example"))).toBe(false);
  });

  it("matches the well-known users and groups (ids, UPNs, names, roles)", () => {
    const { store } = seededContext();
    const users = store.collection<StoredUser>("users");
    const groups = [...store.collection<StoredGroup>("groups").values()];
    for (const [key, known] of Object.entries(KNOWN_USERS)) {
      const u = users.get(known.id);
      expect(u, key).toBeDefined();
      expect(u?.userPrincipalName).toBe(known.upn);
      expect(u?.displayName).toBe(known.displayName);
      expect(u?._schoolId).toBe(known.schoolId);
      const roles = groups
        .filter((g) => g.members.includes(known.id))
        .map((g) => /^komu-[a-z-]+?-(\w+)$/.exec(g.mailNickname.replace(`komu-${known.schoolId}-`, "komu-x-"))?.[1])
        .filter((r): r is string => Boolean(r) && r !== "staff" && r !== "students");
      const expected = known.roles.filter((r) => r !== "student");
      expect(roles.sort(), key).toEqual([...expected].sort());
      if ("admin" in known && known.admin)
        expect(groups.find((g) => g.mailNickname === "komu-admins")?.members).toContain(known.id);
    }
    for (const g of Object.values(KNOWN_GROUPS))
      expect(groups.find((x) => x.id === g.id)?.mailNickname).toBe(g.mailNickname);
  });

  it("is deterministic: loading twice gives the same ids", () => {
    const a = [...seededContext().store.collection<StoredUser>("users").keys()];
    const b = [...seededContext().store.collection<StoredUser>("users").keys()];
    expect(a).toEqual(b);
  });
});
