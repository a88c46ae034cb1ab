/**
 * The route of a draft in people: the template's stages with the drafter's edits, each role
 * resolved to its holders now (Graph groups, role-directory.ts), so the route follows staff
 * transfers; people the drafter named individually must be staff of the school now. The drafter
 * never decides on their own draft: they are left out of every stage but the final one, and a non-final stage only the drafter holds is dropped. A stage nobody holds is
 * kept empty for the machine to refuse (APPROVAL_STAGE_EMPTY names it). Deputies (代決) are the
 * holders of the stage's deputy role who are not on the stage themselves.
 */
import {
  type Approval,
  applyRouteEdits,
  KomuError,
  type RouteRole,
  type RouteTemplate,
  type StageResolution,
} from "@komu/shared";
import type { RoleDirectory, RoleHolder } from "../role-directory.js";

export async function resolveRoute(
  roles: RoleDirectory,
  approval: Pick<Approval, "schoolId" | "drafter" | "routeEdits">,
  template: Pick<RouteTemplate, "stages" | "drafterMay">,
): Promise<StageResolution[]> {
  const stages = applyRouteEdits(template, approval.routeEdits);
  const cache = new Map<RouteRole, Promise<RoleHolder[]>>();
  const holders = (role: RouteRole) => {
    let found = cache.get(role);
    if (!found) {
      found = roles.holders(approval.schoolId, role);
      cache.set(role, found);
    }
    return found;
  };
  const out: StageResolution[] = [];
  for (const stage of stages) {
    const people = new Map<string, StageResolution["people"][number]>();
    for (const role of stage.roles)
      for (const h of await holders(role)) if (!people.has(h.oid)) people.set(h.oid, { ...h, role });
    for (const oid of stage.people ?? []) {
      if (people.has(oid)) continue;
      const member = await roles.staffMember(approval.schoolId, oid);
      if (!member)
        throw new KomuError("VALIDATION_FAILED", {
          message: {
            ja: "指定した人はこの学校の教職員ではありません。",
            en: "A person you named is not on this school's staff.",
          },
          details: { stageId: stage.id, oid, reason: "notStaff" },
        });
      people.set(oid, member);
    }
    const all = [...people.values()];
    const withoutDrafter = stage.kind === "final" ? all : all.filter((p) => p.oid !== approval.drafter.oid);
    if (all.length > 0 && withoutDrafter.length === 0) continue;
    const deputies = stage.deputyRole
      ? (await holders(stage.deputyRole))
          .filter((h) => !people.has(h.oid))
          .map((h) => ({ ...h, role: stage.deputyRole as RouteRole }))
      : [];
    out.push({
      id: stage.id,
      kind: stage.kind,
      label: stage.label,
      rule: stage.rule,
      people: withoutDrafter,
      deputies,
    });
  }
  return out;
}
