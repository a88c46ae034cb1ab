import { z } from "zod";
import type { LocalizedText } from "./errors.js";

/**
 * Roles (校務分掌) a person holds in a school. Routes and capabilities refer to roles, never to
 * persons: staff move between schools (人事異動) and keep working through their new groups.
 */
export const ROLES = [
  "principal",
  "vicePrincipal",
  "headTeacher",
  "gradeHead",
  "teacher",
  "nurse",
  "clerk",
  "boardStaff",
  "student",
  "admin",
] as const;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, LocalizedText> = {
  principal: { ja: "校長", en: "Principal" },
  vicePrincipal: { ja: "教頭", en: "Vice principal" },
  headTeacher: { ja: "教務主任", en: "Head teacher" },
  gradeHead: { ja: "学年主任", en: "Grade head" },
  teacher: { ja: "教諭", en: "Teacher" },
  nurse: { ja: "養護教諭", en: "School nurse" },
  clerk: { ja: "事務職員", en: "Clerk" },
  boardStaff: { ja: "教育委員会", en: "Board of education staff" },
  student: { ja: "児童生徒", en: "Student" },
  admin: { ja: "システム管理者", en: "System administrator" },
};

/** Roles held by school staff (教職員); everything except students and the system role. */
export const STAFF_ROLES: readonly Role[] = [
  "principal",
  "vicePrincipal",
  "headTeacher",
  "gradeHead",
  "teacher",
  "nurse",
  "clerk",
  "boardStaff",
];

/** Case-insensitive lookup of a role name (group mailNicknames may be lower-cased). */
export function parseRole(value: string): Role | undefined {
  const lower = value.toLowerCase();
  return ROLES.find((r) => r.toLowerCase() === lower);
}
