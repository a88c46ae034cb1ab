import type { MeetingSummary } from "@komu/shared";
import { isPast } from "./times.js";

/** Upcoming meetings (soonest first) and past ones (latest first); cancelled ones stay where their time puts them. */
export function splitMeetings(items: readonly MeetingSummary[], now: Date) {
  const upcoming = items.filter((m) => !isPast(m.endsAt, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = items.filter((m) => isPast(m.endsAt, now)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { upcoming, past };
}

export type DisplayStatus = "draft" | "distributed" | "cancelled" | "held";

/** 下書き / 配信済み / 中止 / 開催済み (distributed and ended). */
export function displayStatus(m: Pick<MeetingSummary, "status" | "endsAt">, now: Date): DisplayStatus {
  if (m.status === "distributed" && isPast(m.endsAt, now)) return "held";
  return m.status;
}
export const DISPLAY_STATUSES: readonly DisplayStatus[] = ["draft", "distributed", "cancelled", "held"];
