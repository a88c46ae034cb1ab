import { fiscalYearOf, formatFiscalYear, formatFiscalYearBoth } from "@komu/shared";
import type { Lang } from "../../i18n/language.js";

/** How many past 年度 the selectors offer (records of older years stay searchable by number or words). */
export const FISCAL_YEARS_BACK = 30;

/** The current 年度 (Tokyo calendar) first, then earlier ones; never a future 年度 (the server refuses those). */
export function fiscalYearOptions(now: Date, back: number = FISCAL_YEARS_BACK): number[] {
  const current = fiscalYearOf(now);
  return Array.from({ length: back + 1 }, (_, i) => current - i);
}

/** 2026年度（令和8年度） in Japanese, "FY2026 (Reiwa 8)" in English. */
export function fiscalYearLabel(fiscalYear: number, lang: Lang): string {
  if (lang === "ja") return formatFiscalYearBoth(fiscalYear);
  return `${formatFiscalYear(fiscalYear, "en")} (${formatFiscalYear(fiscalYear, "ja")})`;
}
