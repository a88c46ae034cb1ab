/** 年度: the Japanese fiscal and school year, 1 April – 31 March (registers and numbers restart each April). */
import { jstMidnight, TOKYO, zonedParts } from "./jst.js";

/** The 年度 (by its starting calendar year) that contains `date`, judged on the calendar of `timeZone`. */
export function fiscalYearOf(date: Date, timeZone: string = TOKYO): number {
  const p = zonedParts(date, timeZone);
  return p.month >= 4 ? p.year : p.year - 1;
}

/** [start, end) of a 年度 as UTC instants: 1 April 00:00 JST to the next 1 April 00:00 JST. */
export function fiscalYearRange(fiscalYear: number): { start: Date; end: Date } {
  return { start: jstMidnight(fiscalYear, 4, 1), end: jstMidnight(fiscalYear + 1, 4, 1) };
}

/** Is `date` inside the given 年度? */
export function isInFiscalYear(date: Date, fiscalYear: number): boolean {
  return fiscalYearOf(date) === fiscalYear;
}
