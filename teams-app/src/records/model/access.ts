import { type Capability, can, hasTownScope, type Principal } from "@komu/shared";
import type { Me } from "../../api/resources.js";

/** The principal the server resolved, rebuilt from GET /api/me (for showing or hiding actions; the server decides). */
export function principalFromMe(me: Me): Principal {
  return {
    oid: me.oid,
    tenantId: me.tenantId,
    name: me.name,
    upn: me.upn,
    kind: me.kind,
    schools: me.schools.map((s) => s.id),
    roles: me.roles,
    memberships: me.schools.map((s) => ({ schoolId: s.id, roles: s.roles, staff: s.staff })),
  };
}

export interface RecordsAbilities {
  /** Browse and search (class III/IV; I/II records the server filters by need). */
  read: boolean;
  file: boolean;
  registerRead: boolean;
  registerWrite: boolean;
  disposalPropose: boolean;
  disposalApprove: boolean;
}

const CHECKS: Record<keyof RecordsAbilities, Capability> = {
  read: "document.read",
  file: "records.file",
  registerRead: "records.register.read",
  registerWrite: "records.register.write",
  disposalPropose: "records.disposal.propose",
  disposalApprove: "records.disposal.approve",
};

export function recordsAbilities(principal: Principal, schoolId: string): RecordsAbilities {
  const out = {} as RecordsAbilities;
  for (const [key, capability] of Object.entries(CHECKS) as [keyof RecordsAbilities, Capability][]) {
    out[key] = can(principal, capability, { schoolId, classification: "IV" });
  }
  return out;
}

/** Schools whose records the user may see: their own (where any records ability applies), or every school for town-wide readers. */
export function recordsSchoolIds(principal: Principal): { own: string[]; townWide: boolean } {
  const own = principal.schools.filter((id) => Object.values(recordsAbilities(principal, id)).some(Boolean));
  return { own, townWide: hasTownScope(principal, "document.read") };
}
