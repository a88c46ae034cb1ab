/**
 * Deadlines are entered as a date and a time in Japan (JST, UTC+9, no daylight saving) and sent
 * as UTC ISO instants; shown back as the same JST date and time.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/** "2026-12-01" + "17:00" (JST) → "2026-12-01T08:00:00.000Z"; null when either is not valid. */
export function jstToUtcIso(date: string, time: string): string | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, da, h, mi) - JST_OFFSET_MS;
  const check = new Date(ms + JST_OFFSET_MS);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return null;
  return new Date(ms).toISOString();
}

/** A UTC ISO instant → its JST date ("YYYY-MM-DD") and time ("HH:MM"). */
export function utcIsoToJst(iso: string): { date: string; time: string } {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { date: "", time: "" };
  const j = new Date(ms + JST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${j.getUTCFullYear()}-${pad(j.getUTCMonth() + 1)}-${pad(j.getUTCDate())}`,
    time: `${pad(j.getUTCHours())}:${pad(j.getUTCMinutes())}`,
  };
}

/** The default deadline of a new survey: `days` days from now at 17:00 JST. */
export function defaultDeadline(now: Date, days = 7): { date: string; time: string } {
  const { date } = utcIsoToJst(new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString());
  return { date, time: "17:00" };
}
