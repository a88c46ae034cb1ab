/**
 * Keys of the 収受・発送簿 rows. Table entity ids allow no ":" (storage/keys.ts), so a line is
 * `${register}-${fiscalYear}-${serial padded to 6}` (e.g. `receipt-2026-000012`) and the head hint
 * of a register year is `${register}-${fiscalYear}`. Zero padding keeps RowKey order = serial order.
 */
import type { RegisterKind } from "@komu/shared";

export const SERIAL_WIDTH = 6;
export const MAX_SERIAL = 999_999;

export const entryId = (register: RegisterKind, fiscalYear: number, serial: number): string =>
  `${register}-${fiscalYear}-${String(serial).padStart(SERIAL_WIDTH, "0")}`;

export const headId = (register: RegisterKind, fiscalYear: number): string => `${register}-${fiscalYear}`;

/** 年度 of a JST calendar date `YYYY-MM-DD` (April restarts the register). */
export function fiscalYearOfDate(date: string): number {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}
