/** 和暦 (Japanese era) formatting. Pure: era boundaries are a fixed table. */
import { type DisplayLocale, zonedParts } from "./jst.js";

export interface Era {
  name: string;
  romaji: string;
  abbreviation: string;
  /** First day of the era (Tokyo calendar), inclusive. */
  start: { year: number; month: number; day: number };
}

/** Newest first. 明治 is counted from the adoption of the Gregorian calendar (1873-01-01). */
export const ERAS: readonly Era[] = [
  { name: "令和", romaji: "Reiwa", abbreviation: "R", start: { year: 2019, month: 5, day: 1 } },
  { name: "平成", romaji: "Heisei", abbreviation: "H", start: { year: 1989, month: 1, day: 8 } },
  { name: "昭和", romaji: "Showa", abbreviation: "S", start: { year: 1926, month: 12, day: 25 } },
  { name: "大正", romaji: "Taisho", abbreviation: "T", start: { year: 1912, month: 7, day: 30 } },
  { name: "明治", romaji: "Meiji", abbreviation: "M", start: { year: 1873, month: 1, day: 1 } },
];

const key = (y: number, m: number, d: number): number => y * 10000 + m * 100 + d;

export interface WarekiDate {
  era: Era;
  /** Year of the era; 1 is written 元年. */
  year: number;
  month: number;
  day: number;
}

/** The era date of a calendar day (Tokyo calendar). */
export function warekiOfCalendarDay(year: number, month: number, day: number): WarekiDate {
  const k = key(year, month, day);
  const era = ERAS.find((e) => k >= key(e.start.year, e.start.month, e.start.day));
  if (!era) throw new RangeError(`和暦 is not defined before 1873-01-01 (got ${year}-${month}-${day})`);
  return { era, year: year - era.start.year + 1, month, day };
}

/** The era date of an instant, on the Tokyo calendar. */
export function toWareki(date: Date): WarekiDate {
  const p = zonedParts(date);
  return warekiOfCalendarDay(p.year, p.month, p.day);
}

/** 令和7年 / 令和元年 */
export function formatEraYear(era: Era, year: number): string {
  return `${era.name}${year === 1 ? "元" : String(year)}年`;
}

/** 令和7年4月1日, 令和元年5月1日; `{ day: false }` → 令和7年4月. */
export function formatWareki(date: Date, options: { day?: boolean } = {}): string {
  const w = toWareki(date);
  const head = `${formatEraYear(w.era, w.year)}${w.month}月`;
  return options.day === false ? head : `${head}${w.day}日`;
}

/**
 * The name of a 年度 in 和暦: the era that covers most of the year (its date on 1 October), so
 * FY2019 is 令和元年度 (the usual usage) and FY1988 is 昭和63年度.
 * en: "FY2025".
 */
export function formatFiscalYear(fiscalYear: number, locale: DisplayLocale = "ja"): string {
  if (locale === "en") return `FY${fiscalYear}`;
  const mid = warekiOfCalendarDay(fiscalYear, 10, 1);
  return `${formatEraYear(mid.era, mid.year)}度`;
}

/** "2025年度（令和7年度）" — both forms, as school documents often print. */
export function formatFiscalYearBoth(fiscalYear: number): string {
  return `${fiscalYear}年度（${formatFiscalYear(fiscalYear)}）`;
}
