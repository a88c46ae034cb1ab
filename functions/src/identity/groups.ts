/**
 * The group naming rule (ARCHITECTURE.md): a group's mailNickname says what membership means.
 *   komu-<schoolId>-staff     staff (教職員) of the school
 *   komu-<schoolId>-<role>    holds <role> in the school (校長, 教頭, …)
 *   komu-boe-boardStaff       board of education staff (only in the board, `BOARD_SCHOOL_ID`)
 *   komu-<schoolId>-students  student (児童生徒) of the school
 *   komu-admins               system administrator (all schools)
 * Other groups are ignored. Matching is case-insensitive (Entra keeps the case it was given).
 *
 * Trust: in Entra ordinary users may create Microsoft 365 groups and teams and choose their
 * alias (mailNickname), and often security groups too. So a name alone proves nothing: only
 * groups that ordinary users cannot create count, i.e. security groups that are role-assignable
 * (`securityEnabled && isAssignableToRole`, settable only at creation, and only by a Privileged
 * Role Administrator or Global Administrator). Microsoft 365 ("Unified") groups never count,
 * even role-assignable ones. Every other group is ignored, whatever its name.
 */
import { BOARD_SCHOOL_ID, type Membership, type PrincipalKind, parseRole, type Role, SchoolId } from "@komu/shared";

export interface GroupRef {
  id: string;
  mailNickname?: string | null;
  displayName?: string | null;
  securityEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  groupTypes?: readonly string[] | null;
}

/** The group properties every query feeding this rule must `$select`. */
export const GROUP_SELECT = "id,mailNickname,displayName,securityEnabled,isAssignableToRole,groupTypes";

/**
 * May this group carry Kōmu meaning? Only a role-assignable security group that is not a
 * Microsoft 365 group. A property missing from Graph's answer counts as "not proven".
 */
export function isTrustedGroup(group: GroupRef): boolean {
  return (
    group.securityEnabled === true &&
    group.isAssignableToRole === true &&
    Array.isArray(group.groupTypes) &&
    !group.groupTypes.some((t) => t.toLowerCase() === "unified")
  );
}

export type GroupMeaning =
  | { type: "admins" }
  | { type: "staff"; schoolId: string }
  | { type: "students"; schoolId: string }
  | { type: "role"; schoolId: string; role: Role };

export function groupMeaning(mailNickname: string | null | undefined): GroupMeaning | undefined {
  if (!mailNickname) return undefined;
  const nick = mailNickname.toLowerCase();
  if (nick === "komu-admins") return { type: "admins" };
  if (!nick.startsWith("komu-")) return undefined;
  const rest = nick.slice("komu-".length);
  const dash = rest.lastIndexOf("-");
  if (dash <= 0) return undefined;
  const schoolId = rest.slice(0, dash);
  const suffix = rest.slice(dash + 1);
  if (!SchoolId.safeParse(schoolId).success) return undefined;
  if (suffix === "staff") return { type: "staff", schoolId };
  if (suffix === "students") return { type: "students", schoolId };
  const role = parseRole(suffix);
  if (!role || role === "admin" || role === "student") return undefined;
  // Board staff see every school: the role exists only in the board of education.
  if (role === "boardStaff" && schoolId !== BOARD_SCHOOL_ID) return undefined;
  return { type: "role", schoolId, role };
}

/** A school's display name from its staff group's displayName ("青葉小学校 教職員" → "青葉小学校"). */
export function schoolNameFromGroup(displayName: string | null | undefined): string | undefined {
  if (!displayName) return undefined;
  const name = displayName.replace(/[\s\u3000]*(教職員|職員|staff)$/i, "").trim();
  return name || undefined;
}

export interface MembershipSummary {
  memberships: Membership[];
  /** From the komu-admins group (plus `extraRoles`); the token's app role is added per request. */
  admin: boolean;
  kind: PrincipalKind;
  /** schoolId → display name, where a staff group told us. */
  schoolNames: Record<string, string>;
}

export function membershipsFromGroups(
  groups: readonly GroupRef[],
  extraRoles: readonly Role[] = [],
): MembershipSummary {
  const bySchool = new Map<string, { roles: Set<Role>; staff: boolean }>();
  const schoolNames: Record<string, string> = {};
  let admin = extraRoles.includes("admin");
  const entry = (schoolId: string) => {
    let e = bySchool.get(schoolId);
    if (!e) {
      e = { roles: new Set(), staff: false };
      bySchool.set(schoolId, e);
    }
    return e;
  };
  for (const group of groups) {
    if (!isTrustedGroup(group)) continue;
    const meaning = groupMeaning(group.mailNickname);
    if (!meaning) continue;
    switch (meaning.type) {
      case "admins":
        admin = true;
        break;
      case "staff": {
        const e = entry(meaning.schoolId);
        e.staff = true;
        // The board of education's staff are board staff (教育委員会 事務局) by definition.
        if (meaning.schoolId === BOARD_SCHOOL_ID) e.roles.add("boardStaff");
        const name = schoolNameFromGroup(group.displayName);
        if (name) schoolNames[meaning.schoolId] = name;
        break;
      }
      case "students":
        entry(meaning.schoolId).roles.add("student");
        break;
      case "role": {
        const e = entry(meaning.schoolId);
        e.roles.add(meaning.role);
        e.staff = true;
        break;
      }
    }
  }
  const memberships: Membership[] = [...bySchool.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([schoolId, e]) => ({ schoolId, roles: [...e.roles].sort(), staff: e.staff && !e.roles.has("student") }));
  return { memberships, admin, kind: principalKind(memberships, admin), schoolNames };
}

/** The principal's kind from its memberships and whether it is an administrator (either way). */
export function principalKind(memberships: readonly Membership[], admin: boolean): PrincipalKind {
  const roles = new Set(memberships.flatMap((m) => m.roles));
  // A student stays a student whatever else a group says (students never reach staff data).
  if (roles.has("student")) return "student";
  if (admin) return "admin";
  if (memberships.some((m) => m.schoolId === BOARD_SCHOOL_ID)) return "board";
  return "staff";
}
