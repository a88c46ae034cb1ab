import type { SurveyStatus } from "@komu/shared";

/** What the tab shows: 下書き, 回答受付中, 締切済み (open, past its deadline), 終了 (closed). */
export const DISPLAY_STATUSES = ["draft", "open", "pastDeadline", "closed"] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export function displayStatus(survey: { status: SurveyStatus; deadline: string }, now: Date): DisplayStatus {
  if (survey.status === "draft") return "draft";
  if (survey.status === "closed") return "closed";
  return now.getTime() < Date.parse(survey.deadline) ? "open" : "pastDeadline";
}

/** A rate as a whole percentage (0 when nobody was asked). */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 100);
}
