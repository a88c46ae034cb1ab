import { z } from "zod";
import { Role } from "./roles.js";

/** A school (or the board of education) id: lower-case letters, digits and hyphens, e.g. `aoba-e`. */
export const SCHOOL_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const SchoolId = z.string().regex(SCHOOL_ID_PATTERN, "school id: lower-case letters, digits and hyphens");
export type SchoolId = z.infer<typeof SchoolId>;

/** The board of education's pseudo-school id; its staff see every school of the town. */
export const BOARD_SCHOOL_ID = "boe";

export const PRINCIPAL_KINDS = ["staff", "student", "board", "admin"] as const;
export const PrincipalKind = z.enum(PRINCIPAL_KINDS);
export type PrincipalKind = z.infer<typeof PrincipalKind>;

export const Membership = z.object({
  schoolId: SchoolId,
  /** Roles in this school. Empty when the person is only in the school's staff group. */
  roles: z.array(Role),
  /** true when the person is in the school's staff group (教職員) or holds a staff role there. */
  staff: z.boolean(),
});
export type Membership = z.infer<typeof Membership>;

/** Who is calling: from the validated token plus group memberships (see ARCHITECTURE.md). */
export const Principal = z.object({
  oid: z.string().min(1),
  tenantId: z.string().min(1),
  name: z.string(),
  upn: z.string(),
  kind: PrincipalKind,
  /** Every school the person belongs to (memberships' school ids). */
  schools: z.array(SchoolId),
  /** Union of roles over all memberships (plus `admin` for system administrators). */
  roles: z.array(Role),
  memberships: z.array(Membership),
});
export type Principal = z.infer<typeof Principal>;

/** Roles the principal holds in one school (board staff hold theirs in `boe`). */
export function rolesIn(principal: Principal, schoolId: string): Role[] {
  return principal.memberships.find((m) => m.schoolId === schoolId)?.roles ?? [];
}
