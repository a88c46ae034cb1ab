/**
 * Safe tables for export (CSV and Excel): a text cell that a spreadsheet would read as a formula
 * (starting with = + - @ — full-width too, or after spaces — a tab or a line break) is prefixed
 * with an apostrophe; CSV is UTF-8 with a BOM and CRLF line ends, so Excel in Japan opens it
 * without 文字化け.
 */

/**
 * = + - @ (also full-width ＝ ＋ － ＠, which Japanese spreadsheets may read as their ASCII
 * forms, and after leading spaces, which some importers trim), or a tab / line break first.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A text value made inert for spreadsheets (numbers we produce ourselves are not text values). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type ExportCell = string | number | boolean | null;

function csvCell(cell: ExportCell): string {
  if (cell === null) return "";
  const text = typeof cell === "string" ? neutraliseFormula(cell) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_BOM = "\uFEFF";

export function toCsv(rows: readonly (readonly ExportCell[])[]): string {
  return `${CSV_BOM}${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
