import { can, type Principal } from "@komu/shared";

/** The surveys tab's views: my surveys, the school's (survey.oversee), to answer, 新規作成, Forms の取り込み. */
export const VIEWS = ["mine", "school", "answer", "new", "forms"] as const;
export type View = (typeof VIEWS)[number];

/** Views that are lists (shown as tabs); `new` and `forms` are reached by buttons too. */
export const TAB_VIEWS: readonly View[] = VIEWS;

/** Which views a user sees in a school (to show or hide them; the server decides). */
export function visibleViews(principal: Principal, schoolId: string): View[] {
  const create = can(principal, "survey.create", { schoolId });
  const checks: Record<View, boolean> = {
    mine: create,
    school: can(principal, "survey.oversee", { schoolId }),
    answer: can(principal, "survey.answer", { schoolId }),
    new: create,
    forms: create,
  };
  return VIEWS.filter((v) => checks[v]);
}

/** The schools where the user may use surveys. */
export function surveySchools(principal: Principal): string[] {
  return principal.schools.filter((id) => visibleViews(principal, id).length > 0);
}
