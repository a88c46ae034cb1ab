/**
 * Deadlines are entered as a date and a time in Japan (JST, UTC+9, no daylight saving) and sent
 * as UTC ISO instants; shown back as the same JST date and time (format/jst-input.ts).
 */
import { utcToJst } from "../../format/jst-input.js";

/** The default deadline of a new survey: `days` days from now at 17:00 JST. */
export function defaultDeadline(now: Date, days = 7): { date: string; time: string } {
  const { date } = utcToJst(new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString());
  return { date, time: "17:00" };
}
