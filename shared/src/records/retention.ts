/**
 * 保存期限: retention is counted from the 年度 after the file is closed (or, for 学籍 records, after
 * the student's graduation or transfer), and ends on 31 March of its last 年度.
 * Example: a 5-year file of 年度 2025 is kept through 年度 2026–2030 and expires 2031-03-31.
 */
import { fiscalYearOf } from "../time/fiscal-year.js";
import type { RetentionPeriod, RetentionTrigger } from "./file-plan.js";

export type RetentionEnd =
  /** 永年: never disposed of. */
  | { kind: "permanent" }
  /** Event-based retention whose event (graduation / transfer) has not been recorded yet. */
  | { kind: "pendingEvent" }
  /** `until` = last day kept (YYYY-MM-DD, JST); `lastFiscalYear` = the 年度 it ends with. */
  | { kind: "date"; until: string; lastFiscalYear: number };

export interface RetentionInput {
  /** The 年度 the record belongs to (the file is closed at its end). */
  fiscalYear: number;
  period: RetentionPeriod;
  trigger: RetentionTrigger;
  /** For trigger "graduation": the graduation or transfer date (ISO date or date-time). */
  eventDate?: string | null;
}

export function retentionEnd(input: RetentionInput): RetentionEnd {
  if (input.period === "permanent") return { kind: "permanent" };
  let closedFiscalYear = input.fiscalYear;
  if (input.trigger === "graduation") {
    if (!input.eventDate) return { kind: "pendingEvent" };
    const at = /^\d{4}-\d{2}-\d{2}$/.test(input.eventDate)
      ? new Date(`${input.eventDate}T00:00:00+09:00`)
      : new Date(input.eventDate);
    if (Number.isNaN(at.getTime())) return { kind: "pendingEvent" };
    closedFiscalYear = fiscalYearOf(at);
  }
  const lastFiscalYear = closedFiscalYear + Number(input.period);
  return { kind: "date", until: `${lastFiscalYear + 1}-03-31`, lastFiscalYear };
}

/** The sortable 保存期限 stored with a record: "YYYY-03-31", "permanent" or "pending". */
export function retentionUntilValue(end: RetentionEnd): string {
  return end.kind === "date" ? end.until : end.kind === "permanent" ? "permanent" : "pending";
}

/** Is the record due for disposal in the review of `reviewFiscalYear` (its retention ends by that 年度's end)? */
export function dueForDisposal(end: RetentionEnd, reviewFiscalYear: number): boolean {
  return end.kind === "date" && end.lastFiscalYear <= reviewFiscalYear;
}

/** Has the retention period fully passed at `now` (the day after `until`, JST)? Only then may it be deleted. */
export function retentionExpired(end: RetentionEnd, now: Date): boolean {
  if (end.kind !== "date") return false;
  return now.getTime() >= new Date(`${end.until}T00:00:00+09:00`).getTime() + 86_400_000;
}

export function retentionLabelText(period: RetentionPeriod, locale: "ja" | "en" = "ja"): string {
  if (period === "permanent") return locale === "ja" ? "永年" : "Permanent";
  if (locale === "ja") return `${period}年`;
  return period === "1" ? "1 year" : `${period} years`;
}
