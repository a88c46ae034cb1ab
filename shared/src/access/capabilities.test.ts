import { describe, expect, it } from "vitest";
import { KomuError } from "../errors.js";
import type { Membership, Principal } from "../principal.js";
import type { Role } from "../roles.js";
import {
  CAPABILITIES,
  CAPABILITY_NAMES,
  type Capability,
  can,
  ensureCan,
  hasTownScope,
  schoolsWhere,
} from "./capabilities.js";

function person(kind: Principal["kind"], memberships: Membership[], extraRoles: Role[] = []): Principal {
  const roles = [...new Set([...memberships.flatMap((m) => m.roles), ...extraRoles])];
  return {
    oid: `oid-${kind}-${memberships.map((m) => m.schoolId).join("-")}-${roles.join("-")}`,
    tenantId: "t",
    name: "テスト",
    upn: "t@example",
    kind,
    schools: memberships.map((m) => m.schoolId),
    roles,
    memberships,
  };
}
const staffOf = (schoolId: string, ...roles: Role[]): Membership => ({ schoolId, roles, staff: true });

const teacherA = person("staff", [staffOf("aoba-e", "teacher")]);
const principalA = person("staff", [staffOf("aoba-e", "principal")]);
const vicePrincipalA = person("staff", [staffOf("aoba-e", "vicePrincipal")]);
const nurseA = person("staff", [staffOf("aoba-e", "nurse")]);
const clerkA = person("staff", [staffOf("aoba-e", "clerk")]);
const plainStaffA = person("staff", [staffOf("aoba-e")]);
const studentA = person("student", [{ schoolId: "aoba-e", roles: ["student"], staff: false }]);
const board = person("board", [staffOf("boe", "boardStaff")]);
const admin = person("admin", [], ["admin"]);
const nobody = person("staff", []);

type Row = [label: string, who: Principal, capability: Capability, schoolId: string | undefined, expected: boolean];

describe("can(): school scoping", () => {
  const rows: Row[] = [
    ["teacher reads own school's class III documents", teacherA, "document.read", "aoba-e", true],
    ["teacher reads another school's class III documents", teacherA, "document.read", "higashi-e", false],
    ["teacher reads own school", teacherA, "school.read", "aoba-e", true],
    ["teacher reads another school", teacherA, "school.read", "higashi-e", false],
    ["teacher drafts in own school", teacherA, "document.draft", "aoba-e", true],
    ["teacher drafts in another school", teacherA, "document.draft", "higashi-e", false],
    ["teacher verifies own audit log", teacherA, "audit.verify", "aoba-e", false],
    ["principal verifies own audit log", principalA, "audit.verify", "aoba-e", true],
    ["principal verifies another school's audit log", principalA, "audit.verify", "higashi-e", false],
    ["vice principal decides in own school", vicePrincipalA, "approval.decide", "aoba-e", true],
    ["teacher decides", teacherA, "approval.decide", "aoba-e", false],
    ["teacher verifies a sealed PDF (no school needed)", teacherA, "approval.verify", undefined, true],
    ["clerk verifies a sealed PDF", clerkA, "approval.verify", undefined, true],
    ["student verifies a sealed PDF", studentA, "approval.verify", undefined, false],
    ["teacher sees own school's seal record", teacherA, "approval.verify.school", "aoba-e", true],
    ["teacher sees another school's seal record", teacherA, "approval.verify.school", "higashi-e", false],
    ["board sees any school's seal record", board, "approval.verify.school", "higashi-e", true],
    ["clerk grades", clerkA, "grading.grade", "aoba-e", false],
    ["teacher grades", teacherA, "grading.grade", "aoba-e", true],
    ["nurse reads health", nurseA, "health.read", "aoba-e", true],
    ["nurse reads another school's health", nurseA, "health.read", "nishi-e", false],
    ["plain staff reads staff notices", plainStaffA, "notice.read", "aoba-e", true],
    ["plain staff decides", plainStaffA, "approval.decide", "aoba-e", false],
    ["board reads any school", board, "school.read", "nishi-e", true],
    ["board creates surveys anywhere", board, "survey.create", "aoba-j", true],
    ["board sends town notices", board, "notice.sendToTown", undefined, true],
    ["teacher sends town notices", teacherA, "notice.sendToTown", undefined, false],
    ["board decides in a school", board, "approval.decide", "aoba-e", false],
    ["admin verifies any audit log", admin, "audit.verify", "nishi-e", true],
    ["admin lists dead letters", admin, "outbox.deadLetters.read", undefined, true],
    ["principal lists dead letters", principalA, "outbox.deadLetters.read", undefined, false],
    ["admin drafts documents", admin, "document.draft", "aoba-e", false],
    ["no membership reads own profile", nobody, "profile.read", undefined, false],
    ["teacher reads own profile", teacherA, "profile.read", undefined, true],
    ["ownSchool capability without a school", teacherA, "school.read", undefined, false],
    ["teacher reads own school's roster", teacherA, "roster.read", "aoba-e", true],
    ["teacher reads another school's roster", teacherA, "roster.read", "higashi-e", false],
    ["student reads the roster", studentA, "roster.read", "aoba-e", false],
    ["board reads any school's roster", board, "roster.read", "nishi-e", true],
    ["clerk imports own school's roster", clerkA, "roster.import", "aoba-e", true],
    ["clerk imports another school's roster", clerkA, "roster.import", "higashi-e", false],
    ["teacher imports the roster", teacherA, "roster.import", "aoba-e", false],
    ["board imports a roster", board, "roster.import", "aoba-e", false],
    ["admin imports any school's roster", admin, "roster.import", "nishi-e", true],
  ];
  it.each(rows)("%s", (_label, who, capability, schoolId, expected) => {
    expect(can(who, capability, schoolId ? { schoolId, classification: "III" } : {})).toBe(expected);
  });
});

describe("can(): students never reach staff data", () => {
  const staffOnly = CAPABILITY_NAMES.filter((c) => CAPABILITIES[c].staffOnly);
  it("there are staff-only capabilities", () => expect(staffOnly.length).toBeGreaterThan(5));
  it.each(staffOnly)("student is refused %s in own school", (capability) => {
    expect(can(studentA, capability, { schoolId: "aoba-e", classification: "IV" })).toBe(false);
  });
  it("a student who is also (mis)placed in a staff group is still refused staff data", () => {
    const mixed = person("student", [{ schoolId: "aoba-e", roles: ["student", "teacher"], staff: true }]);
    expect(can(mixed, "notice.read", { schoolId: "aoba-e", classification: "IV" })).toBe(false);
    expect(can(mixed, "document.read", { schoolId: "aoba-e", classification: "IV" })).toBe(false);
  });
  it("students may do what is not staff-only, in their own school only", () => {
    expect(can(studentA, "survey.answer", { schoolId: "aoba-e" })).toBe(true);
    expect(can(studentA, "survey.answer", { schoolId: "higashi-e" })).toBe(false);
    expect(can(studentA, "tasks.read")).toBe(true);
  });
});

describe("can(): information classification", () => {
  const doc = (classification: "I" | "II" | "III" | "IV", extra: object = {}) => ({
    schoolId: "aoba-e",
    classification,
    ...extra,
  });
  it.each([
    ["III", teacherA, true],
    ["IV", clerkA, true],
    ["II", teacherA, false],
    ["I", teacherA, false],
    ["I", principalA, true],
    ["II", vicePrincipalA, true],
    ["II", nurseA, false],
  ] as const)("class %s document.read by %#", (classification, who, expected) => {
    expect(can(who, "document.read", doc(classification))).toBe(expected);
  });
  it("the owner reads their own class I document", () => {
    expect(can(teacherA, "document.read", doc("I", { ownerId: teacherA.oid }))).toBe(true);
    expect(can(teacherA, "document.read", doc("I", { ownerId: "someone-else" }))).toBe(false);
  });
  it("the nurse reads class II health records but not class I", () => {
    expect(can(nurseA, "document.read", doc("II", { topic: "health" }))).toBe(true);
    expect(can(nurseA, "document.read", doc("I", { topic: "health" }))).toBe(false);
    expect(can(teacherA, "document.read", doc("II", { topic: "health" }))).toBe(false);
  });
  it("a principal of another school does not read class I here", () => {
    const principalB = person("staff", [staffOf("higashi-e", "principal")]);
    expect(can(principalB, "document.read", doc("I"))).toBe(false);
  });
  it("board staff see every school's class III but not class I they do not own", () => {
    expect(can(board, "document.read", { schoolId: "nishi-e", classification: "III" })).toBe(true);
    expect(can(board, "document.read", { schoolId: "nishi-e", classification: "I" })).toBe(false);
  });
  it("a missing classification is treated as class I", () => {
    expect(can(teacherA, "document.read", { schoolId: "aoba-e" })).toBe(false);
    expect(can(principalA, "document.read", { schoolId: "aoba-e" })).toBe(true);
  });
});

describe("can(): board staff only in the board of education", () => {
  // A principal object claiming boardStaff in a school (never produced by the resolver, but
  // `can` must not depend on that): no town scope, nothing the role would give.
  const schoolBoardStaff = person("staff", [staffOf("aoba-e", "boardStaff")]);
  const both = person("staff", [staffOf("aoba-e", "boardStaff"), staffOf("boe")]);

  it.each([schoolBoardStaff, both])("boardStaff held outside `boe` gives no town scope (%#)", (who) => {
    expect(hasTownScope(who, "school.read")).toBe(false);
    expect(can(who, "school.read", { schoolId: "nishi-e" })).toBe(false);
    expect(can(who, "notice.sendToTown")).toBe(false);
    expect(can(who, "survey.create", { schoolId: "higashi-e" })).toBe(false);
  });

  it("boardStaff in `boe` keeps town scope", () => {
    expect(can(board, "notice.sendToTown")).toBe(true);
    expect(can(board, "school.read", { schoolId: "nishi-e" })).toBe(true);
  });
});

describe("helpers", () => {
  it("ensureCan throws FORBIDDEN with the capability", () => {
    expect(() => ensureCan(teacherA, "audit.verify", { schoolId: "higashi-e" })).toThrow(KomuError);
    try {
      ensureCan(teacherA, "audit.verify", { schoolId: "higashi-e" });
    } catch (e) {
      expect((e as KomuError).code).toBe("FORBIDDEN");
      expect((e as KomuError).details).toEqual({ capability: "audit.verify", schoolId: "higashi-e" });
    }
    expect(() => ensureCan(principalA, "audit.verify", { schoolId: "aoba-e" })).not.toThrow();
  });
  it("hasTownScope and schoolsWhere", () => {
    expect(hasTownScope(board, "school.read")).toBe(true);
    expect(hasTownScope(teacherA, "school.read")).toBe(false);
    expect(hasTownScope(admin, "audit.verify")).toBe(true);
    const twoSchools = person("staff", [staffOf("aoba-e", "principal"), staffOf("higashi-e", "teacher")]);
    expect(schoolsWhere(twoSchools, "audit.verify")).toEqual(["aoba-e"]);
    expect(schoolsWhere(twoSchools, "document.draft")).toEqual(["aoba-e", "higashi-e"]);
  });
});
