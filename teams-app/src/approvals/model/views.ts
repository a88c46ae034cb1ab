import { can, type Principal } from "@komu/shared";

/** The approvals tab's views: the three lists, the school's waiting items, 起案, 検証, 印影 (my seal image). */
export const VIEWS = ["waiting", "drafts", "done", "school", "new", "verify", "seal"] as const;
export type View = (typeof VIEWS)[number];

/**
 * Which views a user sees in a school (to show or hide them; the server decides): the lists for
 * anyone who may be on a route (approval.participate: 合議 and 回覧 reach any staff member), 起案
 * for drafters, the school's waiting items for school leaders (approval.oversee), 検証 for staff,
 * 印影 for anyone who may approve (approval.participate, as PUT …/approval-seal requires).
 */
export function visibleViews(principal: Principal, schoolId: string): View[] {
  const participate = can(principal, "approval.participate", { schoolId });
  const checks: Record<View, boolean> = {
    waiting: participate,
    drafts: participate,
    done: participate,
    school: can(principal, "approval.oversee", { schoolId }),
    new: can(principal, "document.draft", { schoolId }),
    verify: participate && can(principal, "approval.verify", { schoolId }),
    seal: participate,
  };
  return VIEWS.filter((v) => checks[v]);
}

/** The schools where the user may use approvals (where any view is visible). */
export function approvalSchools(principal: Principal): string[] {
  return principal.schools.filter((id) => visibleViews(principal, id).length > 0);
}
