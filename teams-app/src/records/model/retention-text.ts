import { formatJst } from "@komu/shared";
import type { Lang } from "../../i18n/language.js";

/** 保存期限 as shown: a Tokyo date, 永年, or "pending" (graduation/transfer not recorded yet). */
export function retentionUntilText(value: string, lang: Lang): string {
  if (value === "permanent") return lang === "ja" ? "永年" : "Permanent";
  if (value === "pending")
    return lang === "ja" ? "卒業・転学の日から起算（未確定）" : "From graduation/transfer (pending)";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatJst(new Date(`${value}T12:00:00+09:00`), "date", lang);
  return value;
}

/** An ISO date (YYYY-MM-DD, a Tokyo calendar day) as shown. */
export function dateText(isoDate: string, lang: Lang): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? formatJst(new Date(`${isoDate}T12:00:00+09:00`), "date", lang) : isoDate;
}
