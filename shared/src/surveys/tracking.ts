/**
 * Who has answered (回答状況): rates by school, grade and class, and the list of those who have
 * not — the thing teachers need most. A partial save (一時保存) is not an answer.
 */
import { groupLabel, type RecipientKind } from "./survey.js";

export interface TrackedRecipient {
  key: string;
  kind: RecipientKind;
  name: string;
  /** For a guardian: the child's name. */
  childName?: string | null;
  grade?: number | null;
  class?: number | null;
  number?: number | null;
  /** UTC ISO of the submission; null while not submitted. */
  submittedAt: string | null;
  /** Answers saved but not submitted. */
  partial: boolean;
  lastRemindedAt?: string | null;
  remindCount?: number;
}

export interface RateCell {
  label: string;
  grade: number | null;
  class: number | null;
  total: number;
  answered: number;
  /** 0..1 (0 when total is 0). */
  rate: number;
}

export interface Tracking {
  total: RateCell;
  byGrade: RateCell[];
  byClass: RateCell[];
  partial: number;
  nonResponders: TrackedRecipient[];
}

const cell = (label: string, grade: number | null, klass: number | null): RateCell => ({
  label,
  grade,
  class: klass,
  total: 0,
  answered: 0,
  rate: 0,
});

function order(a: TrackedRecipient, b: TrackedRecipient): number {
  return (
    (a.grade ?? 0) - (b.grade ?? 0) ||
    (a.class ?? 0) - (b.class ?? 0) ||
    (a.number ?? 0) - (b.number ?? 0) ||
    a.name.localeCompare(b.name, "ja") ||
    a.key.localeCompare(b.key)
  );
}

export function trackResponses(recipients: readonly TrackedRecipient[]): Tracking {
  const total = cell("全体", null, null);
  const grades = new Map<number, RateCell>();
  const classes = new Map<string, RateCell>();
  let partial = 0;
  const nonResponders: TrackedRecipient[] = [];
  for (const r of recipients) {
    const answered = r.submittedAt !== null;
    const cells = [total];
    if (r.grade) {
      const g = grades.get(r.grade) ?? cell(groupLabel(r.grade, null), r.grade, null);
      grades.set(r.grade, g);
      cells.push(g);
      if (r.class) {
        const k = `${r.grade}-${r.class}`;
        const c = classes.get(k) ?? cell(groupLabel(r.grade, r.class), r.grade, r.class);
        classes.set(k, c);
        cells.push(c);
      }
    }
    for (const c of cells) {
      c.total++;
      if (answered) c.answered++;
    }
    if (!answered) {
      nonResponders.push(r);
      if (r.partial) partial++;
    }
  }
  const finish = (c: RateCell) => {
    c.rate = c.total === 0 ? 0 : c.answered / c.total;
    return c;
  };
  return {
    total: finish(total),
    byGrade: [...grades.values()].sort((a, b) => (a.grade ?? 0) - (b.grade ?? 0)).map(finish),
    byClass: [...classes.values()]
      .sort((a, b) => (a.grade ?? 0) - (b.grade ?? 0) || (a.class ?? 0) - (b.class ?? 0))
      .map(finish),
    partial,
    nonResponders: nonResponders.sort(order),
  };
}
