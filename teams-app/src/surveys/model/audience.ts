import type { ClassGroup } from "@komu/shared";

export interface GradeClasses {
  grade: number;
  classes: number[];
}

/** The roster's classes grouped by grade (both in order). */
export function gradesOf(classes: readonly { grade: number; class: number }[]): GradeClasses[] {
  const by = new Map<number, Set<number>>();
  for (const c of classes) by.set(c.grade, (by.get(c.grade) ?? new Set()).add(c.class));
  return [...by.entries()]
    .sort(([a], [b]) => a - b)
    .map(([grade, set]) => ({ grade, classes: [...set].sort((a, b) => a - b) }));
}

/** Whether a group selection includes a whole grade, or one class. */
export function isSelected(groups: readonly ClassGroup[], grade: number, klass?: number): boolean {
  return groups.some((g) => g.grade === grade && (klass === undefined ? g.class === undefined : g.class === klass));
}

/**
 * Toggle a whole grade or one class. Choosing a whole grade replaces its single classes; choosing
 * a class of a grade that was chosen whole is not offered (the UI disables it).
 */
export function toggleGroup(groups: readonly ClassGroup[], grade: number, klass: number | undefined, on: boolean) {
  const others = groups.filter((g) => g.grade !== grade);
  const mine = groups.filter((g) => g.grade === grade);
  if (klass === undefined) return sortGroups(on ? [...others, { grade }] : others);
  const rest = mine.filter((g) => g.class !== undefined && g.class !== klass);
  return sortGroups(on ? [...others, ...rest, { grade, class: klass }] : [...others, ...rest]);
}

function sortGroups(groups: ClassGroup[]): ClassGroup[] {
  return [...groups].sort((a, b) => a.grade - b.grade || (a.class ?? 0) - (b.class ?? 0));
}
