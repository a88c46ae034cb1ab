/**
 * Dates and times entered in Japan (JST: UTC+9 always, no daylight saving) as a date and a time,
 * sent as UTC ISO instants and shown back as the same JST date and time (meeting times, survey deadlines).
 */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-12-01" + "15:30" (JST) → "2026-12-01T06:30:00.000Z"; null when either is not valid. */
export function jstToUtc(date: string, time: string): string | null {
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

/** A UTC ISO instant → its JST date ("YYYY-MM-DD") and time ("HH:MM"); empty strings when it is not a date. */
export function utcToJst(iso: string): { date: string; time: string } {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { date: "", time: "" };
  const j = new Date(ms + JST_OFFSET_MS);
  return {
    date: `${j.getUTCFullYear()}-${pad(j.getUTCMonth() + 1)}-${pad(j.getUTCDate())}`,
    time: `${pad(j.getUTCHours())}:${pad(j.getUTCMinutes())}`,
  };
}
