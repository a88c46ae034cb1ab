import { formatJst, type JstStyle } from "@komu/shared";
import type { Lang } from "../i18n/language.js";

/** An ISO 8601 instant shown in Asia/Tokyo; a value that is not a date is shown as given (never throws). */
export function formatInstant(iso: string, lang: Lang, style: JstStyle = "dateTime"): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatJst(date, style, lang);
}
