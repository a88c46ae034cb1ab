/**
 * Meeting times are entered as a JST date and start/end times (Japan has no daylight saving:
 * UTC+9 always) and sent as UTC ISO instants; shown back in JST.
 */
import { JST_OFFSET_MS, utcToJst } from "../../format/jst-input.js";

const TIME = /^(\d{1,2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, "0");

const WEEKDAYS = {
  ja: ["日", "月", "火", "水", "木", "金", "土"],
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
} as const;

/** "2026/12/01（火）15:30–17:00" (ja) or "Tue 2026-12-01 15:30–17:00" (en), in JST. */
export function formatMeetingTime(startsAt: string, endsAt: string, lang: "ja" | "en"): string {
  const s = utcToJst(startsAt);
  const e = utcToJst(endsAt);
  if (!s.date) return "";
  const day = new Date(Date.parse(startsAt) + JST_OFFSET_MS).getUTCDay();
  const until = e.date === s.date ? e.time : `${e.date.replaceAll("-", "/")} ${e.time}`;
  if (lang === "ja") return `${s.date.replaceAll("-", "/")}（${WEEKDAYS.ja[day]}）${s.time}–${until}`;
  return `${WEEKDAYS.en[day]} ${s.date} ${s.time}–${until}`;
}

/** "HH:MM" plus minutes (wrapping past midnight is shown as is, e.g. 24:10 → "00:10"). */
export function addMinutes(time: string, minutes: number): string {
  const t = TIME.exec(time);
  if (!t) return "";
  const total = (((Number(t[1]) * 60 + Number(t[2]) + minutes) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** Minutes between two "HH:MM" on the same day (negative or zero when the end is not after the start); null if invalid. */
export function minutesBetween(start: string, end: string): number | null {
  const a = TIME.exec(start);
  const b = TIME.exec(end);
  if (!a || !b) return null;
  return Number(b[1]) * 60 + Number(b[2]) - (Number(a[1]) * 60 + Number(a[2]));
}

/** Upcoming (not yet ended) or past, at `now`. */
export function isPast(endsAt: string, now: Date): boolean {
  return Date.parse(endsAt) <= now.getTime();
}
