import type { TrackingView } from "@komu/shared";

/** The text to announce when a poll brings new answers (null when nothing changed). */
export function trackingChange(
  before: Pick<TrackingView, "total"> | null,
  after: Pick<TrackingView, "total">,
): { answered: number; total: number } | null {
  if (before && before.total.answered === after.total.answered && before.total.total === after.total.total) return null;
  if (!before) return null;
  return { answered: after.total.answered, total: after.total.total };
}

/** The class label of a recipient: 「1年2組 3番」 style parts (empty for staff). */
export function classOf(r: { grade?: number | null; class?: number | null; number?: number | null }): {
  grade: number | null;
  klass: number | null;
  number: number | null;
} {
  return { grade: r.grade ?? null, klass: r.class ?? null, number: r.number ?? null };
}

/** The poll interval of 回答状況 (while the page is visible). */
export const TRACKING_POLL_MS = 5000;
