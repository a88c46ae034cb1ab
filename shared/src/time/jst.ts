/**
 * Time is stored in UTC and shown in Asia/Tokyo. These helpers are pure: they only use
 * Intl.DateTimeFormat with an explicit time zone (no clock, no I/O).
 */
export const TOKYO = "Asia/Tokyo";

export type DisplayLocale = "ja" | "en";

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function assertValid(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid date");
}

/** Calendar fields of `date` as seen in `timeZone` (default Asia/Tokyo). */
export function zonedParts(date: Date, timeZone: string = TOKYO): ZonedParts {
  assertValid(date);
  let fmt = partsFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
      hourCycle: "h23",
      era: "short",
    });
    partsFormatters.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(date);
  const pick = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  const era = pick("era");
  const rawYear = Number(pick("year"));
  return {
    year: era === "BC" ? 1 - rawYear : rawYear,
    month: Number(pick("month")),
    day: Number(pick("day")),
    hour: Number(pick("hour")),
    minute: Number(pick("minute")),
    second: Number(pick("second")),
    weekday: WEEKDAYS.indexOf(pick("weekday")),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `YYYY-MM-DD` of the Tokyo calendar day. */
export function jstDateString(date: Date): string {
  const p = zonedParts(date);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The UTC instant of 00:00 Tokyo time on the given Tokyo calendar day (Japan has no DST). */
export function jstMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day, -9, 0, 0));
}

/** The UTC instant at which the Tokyo calendar day containing `date` starts. */
export function startOfJstDay(date: Date): Date {
  const p = zonedParts(date);
  return jstMidnight(p.year, p.month, p.day);
}

const WEEKDAY_JA = ["日", "月", "火", "水", "木", "金", "土"];

export type JstStyle = "date" | "dateWithWeekday" | "dateTime" | "time";

/**
 * Display a UTC instant in Tokyo time.
 * ja: 2025年4月1日 / 2025年4月1日(火) / 2025年4月1日 09:05 / 09:05
 * en: Apr 1, 2025 / Tue, Apr 1, 2025 / Apr 1, 2025, 09:05 / 09:05
 */
export function formatJst(date: Date, style: JstStyle = "dateTime", locale: DisplayLocale = "ja"): string {
  const p = zonedParts(date);
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  if (locale === "ja") {
    const d = `${p.year}年${p.month}月${p.day}日`;
    switch (style) {
      case "date":
        return d;
      case "dateWithWeekday":
        return `${d}(${WEEKDAY_JA[p.weekday]})`;
      case "dateTime":
        return `${d} ${hm}`;
      case "time":
        return hm;
    }
  }
  const month = new Intl.DateTimeFormat("en-US", { timeZone: TOKYO, month: "short" }).format(date);
  const d = `${month} ${p.day}, ${p.year}`;
  switch (style) {
    case "date":
      return d;
    case "dateWithWeekday":
      return `${WEEKDAYS[p.weekday]}, ${d}`;
    case "dateTime":
      return `${d}, ${hm}`;
    case "time":
      return hm;
  }
}
