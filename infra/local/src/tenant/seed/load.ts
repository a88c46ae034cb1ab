/**
 * Loads the demo town into the tenant store: staff and students as Entra users, guardians in a
 * `guardians` collection (not Entra users), groups following the mailNickname rule
 * (komu-<school>-staff, komu-<school>-<role>, komu-<school>-students, komu-admins; all of them
 * role-assignable security groups, as an operator must create them in Entra), schools, and
 * one SharePoint site per school/board (through the injected ensureSite).
 */
import { UPN_DOMAIN } from "../constants.js";
import type { TenantContext } from "../context.js";
import type { StoredGroup, StoredUser } from "../graph/directory/model.js";
import { groupId, staffUserId, studentUserId } from "./ids.js";
import { type Roster, readRoster, type StaffRow } from "./roster.js";

export type SchoolKind = "board" | "elementary" | "juniorHigh";
export interface SchoolRecord {
  id: string;
  name: string;
  kind: SchoolKind;
  abbreviation: string;
  siteId: string;
  driveId: string;
}
export interface GuardianRecord {
  id: string;
  studentNumber: string;
  studentId: string;
  schoolId: string;
  relationship: string;
  displayName: string;
  surname: string;
  givenName: string;
  kana: string;
  email: string;
}

export type EnsureSite = (
  ctx: TenantContext,
  options: { key: string; displayName: string; description?: string },
) => { siteId: string; driveId: string };

const KIND: Record<string, SchoolKind> = { 教育委員会: "board", 小学校: "elementary", 中学校: "juniorHigh" };
const ROLE_NAMES: Record<string, string> = {
  principal: "校長",
  vicePrincipal: "教頭",
  headTeacher: "教務主任",
  gradeHead: "学年主任",
  teacher: "教諭",
  nurse: "養護教諭",
  clerk: "事務職員",
  boardStaff: "教育委員会",
};
const CREATED = "2026-03-25T00:00:00Z";

/** Kōmu roles of a staff row, from 職名 and 校務分掌 (as the principal resolver will see them). */
export function staffRoles(row: StaffRow, boardSchoolId = "boe"): { roles: string[]; admin: boolean } {
  const duties = row.校務分掌.split(/[・,、／/]/).map((d) => d.trim());
  const admin = duties.includes("情報システム管理");
  if (row.学校コード === boardSchoolId) return { roles: ["boardStaff"], admin };
  const roles: string[] = [];
  const title: Record<string, string> = {
    校長: "principal",
    教頭: "vicePrincipal",
    教諭: "teacher",
    養護教諭: "nurse",
    事務職員: "clerk",
  };
  const r = title[row.職名];
  if (r) roles.push(r);
  if (duties.includes("教務主任")) roles.push("headTeacher");
  if (duties.includes("学年主任")) roles.push("gradeHead");
  return { roles, admin };
}

export interface SeedResult {
  users: number;
  groups: number;
  schools: number;
  guardians: number;
}

export function loadSeed(ctx: TenantContext, options: { ensureSite: EnsureSite; roster?: Roster }): SeedResult {
  const roster = options.roster ?? readRoster();
  const users = ctx.store.collection<StoredUser>("users");
  const groups = ctx.store.collection<StoredGroup>("groups");
  const schools = ctx.store.collection<SchoolRecord>("schools");
  const guardians = ctx.store.collection<GuardianRecord>("guardians");
  const schoolName = new Map(roster.schools.map((s) => [s.学校コード, s]));

  const group = (mailNickname: string, displayName: string, description: string): StoredGroup => {
    const id = groupId(mailNickname);
    let g = groups.get(id);
    if (!g) {
      g = {
        id,
        displayName,
        description,
        mailNickname,
        mail: null,
        // Kōmu trusts only role-assignable security groups (ordinary users cannot create them).
        mailEnabled: false,
        securityEnabled: true,
        isAssignableToRole: true,
        groupTypes: [],
        createdDateTime: CREATED,
        visibility: null,
        members: [],
      };
      groups.set(id, g);
    }
    return g;
  };
  const addMember = (g: StoredGroup, userId: string) => {
    if (!g.members.includes(userId)) g.members.push(userId);
  };

  for (const s of roster.schools) {
    const kind = KIND[s.種別] as SchoolKind;
    const site = options.ensureSite(ctx, {
      key: s.学校コード,
      displayName: s.学校名,
      description: `${s.学校名}（${s.略称}）の校務サイト`,
    });
    schools.set(s.学校コード, {
      id: s.学校コード,
      name: s.学校名,
      kind,
      abbreviation: s.略称,
      siteId: site.siteId,
      driveId: site.driveId,
    });
    group(`komu-${s.学校コード}-staff`, `${s.学校名} 教職員`, `${s.学校名}の教職員 / Staff of ${s.学校コード}`);
  }
  const admins = group("komu-admins", "Kōmu 管理者", "Kōmu のシステム管理者 / Kōmu administrators");

  const base = (id: string, upn: string, surname: string, given: string, schoolId: string) => {
    const school = schoolName.get(schoolId);
    return {
      id,
      displayName: `${surname} ${given}`,
      givenName: given,
      surname,
      userPrincipalName: upn,
      mail: upn,
      mailNickname: upn.split("@")[0] as string,
      preferredLanguage: "ja-JP",
      usageLocation: "JP",
      accountEnabled: true,
      companyName: "青葉町",
      userType: "Member",
      createdDateTime: CREATED,
      identities: [{ signInType: "userPrincipalName", issuer: UPN_DOMAIN, issuerAssignedId: upn }],
      officeLocation: school?.学校名 ?? null,
      _schoolId: schoolId,
    };
  };

  for (const row of roster.staff) {
    const id = staffUserId(row.職員番号);
    const school = schoolName.get(row.学校コード);
    if (!school) throw new Error(`staff.csv: unknown 学校コード ${row.学校コード} (職員番号 ${row.職員番号})`);
    const { roles, admin } = staffRoles(row);
    const homeroom = row.担任学年 ? `${row.担任学年}年${row.担任組}組担任` : "";
    users.set(id, {
      ...base(id, row.メール, row.姓, row.名, row.学校コード),
      jobTitle: row.職名,
      department: [school.学校名, homeroom, row.校務分掌].filter(Boolean).join(" "),
      businessPhones: school.電話番号 ? [school.電話番号] : [],
      mobilePhone: null,
      employeeId: row.職員番号,
      _kind: school.種別 === "教育委員会" ? "board" : "staff",
      _roles: roles,
    } as StoredUser);
    addMember(groups.get(groupId(`komu-${row.学校コード}-staff`)) as StoredGroup, id);
    for (const role of roles) {
      addMember(
        group(
          `komu-${row.学校コード}-${role}`,
          `${school.学校名} ${ROLE_NAMES[role] ?? role}`,
          `${school.学校名}の${ROLE_NAMES[role] ?? role} / ${role} of ${row.学校コード}`,
        ),
        id,
      );
    }
    if (admin) addMember(admins, id);
  }

  const studentIds = new Map<string, { id: string; schoolId: string }>();
  for (const row of roster.students) {
    const school = schoolName.get(row.学校コード);
    if (!school || school.種別 === "教育委員会")
      throw new Error(`students.csv: unknown school ${row.学校コード} (学籍番号 ${row.学籍番号})`);
    const id = studentUserId(row.学籍番号);
    const upn = `s${row.学籍番号}@${UPN_DOMAIN}`;
    const label = school.種別 === "小学校" ? "児童" : "生徒";
    users.set(id, {
      ...base(id, upn, row.姓, row.名, row.学校コード),
      jobTitle: label,
      department: `${school.学校名} ${row.学年}年${row.組}組`,
      businessPhones: [],
      mobilePhone: null,
      employeeId: row.学籍番号,
      _kind: "student",
      _grade: row.学年,
      _class: row.組,
      _number: row.出席番号,
    } as StoredUser);
    studentIds.set(row.学籍番号, { id, schoolId: row.学校コード });
    addMember(
      group(
        `komu-${row.学校コード}-students`,
        `${school.学校名} ${label}`,
        `${school.学校名}の${label} / Students of ${row.学校コード}`,
      ),
      id,
    );
  }

  for (const row of roster.guardians) {
    const student = studentIds.get(row.学籍番号);
    if (!student) throw new Error(`guardians.csv: unknown 学籍番号 ${row.学籍番号} (保護者番号 ${row.保護者番号})`);
    guardians.set(row.保護者番号, {
      id: row.保護者番号,
      studentNumber: row.学籍番号,
      studentId: student.id,
      schoolId: student.schoolId,
      relationship: row.続柄,
      displayName: `${row.姓} ${row.名}`,
      surname: row.姓,
      givenName: row.名,
      kana: `${row.姓カナ} ${row.名カナ}`,
      email: row.連絡先メール,
    });
  }

  for (const u of users.values())
    u._groups = [...groups.values()].filter((g) => g.members.includes(u.id)).map((g) => g.id);
  ctx.store.changed();
  return { users: users.size, groups: groups.size, schools: schools.size, guardians: guardians.size };
}
