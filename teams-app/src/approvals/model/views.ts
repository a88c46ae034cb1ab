import { can, type Principal } from "@komu/shared";

/** The approvals tab's views: the three lists, the school's waiting items, 起案, 検証. */
export const VIEWS = ["waiting", "drafts", "done", "school", "new", "verify"] as const;
export type View = (typeof VIEWS)[number];

/**
 * Which views a user sees in a school (to show or hide them; the server decides). Any staff
 * member may be on a route (合議, 回覧), so 承認待ち is for every drafter; the school's waiting
 * items are for the principal and the vice principal.
 */
export function visibleViews(principal: Principal, schoolId: string): View[] {
  const draft = can(principal, "document.draft", { schoolId });
  const leader = principal.memberships.some(
    (m) => m.schoolId === schoolId && m.roles.some((r) => r === "principal" || r === "vicePrincipal"),
  );
  const staff = principal.memberships.some((m) => m.schoolId === schoolId && m.staff);
  return VIEWS.filter((v) => {
    if (v === "school") return leader;
    if (v === "verify") return staff;
    return draft;
  });
}

/** The schools where the user may use approvals (where any view is visible). */
export function approvalSchools(principal: Principal): string[] {
  return principal.schools.filter((id) => visibleViews(principal, id).length > 0);
}
