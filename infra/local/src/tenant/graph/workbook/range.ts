/**
 * Reads ranges of a real .xlsx (via exceljs) into Graph's workbookRange shape: address,
 * values, text, formulas, numberFormat, valueTypes, rowCount, columnCount, …
 */
import type ExcelJS from "exceljs";

export function columnLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A1:D5" / "B2" → bounds (1-based). */
export function parseAddress(address: string): Bounds | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(address.trim());
  if (!m) return undefined;
  const left = columnNumber(m[1] as string);
  const top = Number(m[2]);
  const right = m[3] ? columnNumber(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : top;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const toSerial = (d: Date) => (d.getTime() - EXCEL_EPOCH) / 86_400_000;

type Scalar = string | number | boolean;

interface CellView {
  value: Scalar;
  text: string;
  formula: string | Scalar;
  numberFormat: string;
  valueType: "Empty" | "String" | "Double" | "Boolean" | "Error";
}

function pad(n: number, width = 2) {
  return String(n).padStart(width, "0");
}

function formatDate(d: Date, fmt: string): string {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hasTime = /h/i.test(fmt);
  const date = /^m/i.test(fmt) ? `${mo}/${day}/${y}` : `${y}/${mo}/${day}`;
  return hasTime ? `${date} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}` : date;
}

function scalarOf(raw: unknown, fmt: string): { value: Scalar; text: string; type: CellView["valueType"] } {
  if (raw === null || raw === undefined) return { value: "", text: "", type: "Empty" };
  if (raw instanceof Date) return { value: toSerial(raw), text: formatDate(raw, fmt), type: "Double" };
  if (typeof raw === "number") {
    let text = String(raw);
    const decimals = /0\.(0+)/.exec(fmt)?.[1]?.length;
    if (fmt.includes("%")) text = `${(raw * 100).toFixed(decimals ?? 0)}%`;
    else if (decimals !== undefined) text = raw.toFixed(decimals);
    if (/#,##0/.test(fmt))
      text = Number(text.replace(/[^0-9.-]/g, "")).toLocaleString("en-US", { minimumFractionDigits: decimals ?? 0 });
    return { value: raw, text, type: "Double" };
  }
  if (typeof raw === "boolean") return { value: raw, text: raw ? "TRUE" : "FALSE", type: "Boolean" };
  if (typeof raw === "string") return { value: raw, text: raw, type: "String" };
  const obj = raw as Record<string, unknown>;
  if (Array.isArray(obj.richText)) {
    const text = (obj.richText as { text: string }[]).map((r) => r.text).join("");
    return { value: text, text, type: "String" };
  }
  if (typeof obj.error === "string") return { value: obj.error, text: obj.error, type: "Error" };
  if ("hyperlink" in obj && "text" in obj) return scalarOf(obj.text, fmt);
  if ("formula" in obj || "sharedFormula" in obj) return scalarOf(obj.result, fmt);
  return { value: String(raw), text: String(raw), type: "String" };
}

export function cellView(cell: ExcelJS.Cell): CellView {
  const numberFormat = cell.numFmt || "General";
  const s = scalarOf(cell.value, numberFormat);
  const formula = cell.formula ? `=${cell.formula}` : s.value;
  return { value: s.value, text: s.text, formula, numberFormat, valueType: s.type };
}

const hasValue = (cell: ExcelJS.Cell) => cell.value !== null && cell.value !== undefined && cell.value !== "";

/** Excel's used range: the bounding box of cells with values (and, unless valuesOnly, formatting). */
export function usedBounds(sheet: ExcelJS.Worksheet, valuesOnly: boolean): Bounds | undefined {
  let bounds: Bounds | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: !valuesOnly }, (cell, col) => {
      if (valuesOnly && !hasValue(cell)) return;
      if (!valuesOnly && !hasValue(cell) && !cell.numFmt && Object.keys(cell.style ?? {}).length === 0) return;
      bounds = bounds
        ? {
            top: Math.min(bounds.top, r),
            left: Math.min(bounds.left, col),
            bottom: Math.max(bounds.bottom, r),
            right: Math.max(bounds.right, col),
          }
        : { top: r, left: col, bottom: r, right: col };
    });
  });
  return bounds;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function rangeJson(
  sheet: ExcelJS.Worksheet,
  bounds: Bounds | undefined,
  options: { valuesOnly?: boolean } = {},
): Record<string, unknown> {
  const b = bounds ?? { top: 1, left: 1, bottom: 1, right: 1 };
  const start = `${columnLetters(b.left)}${b.top}`;
  const end = `${columnLetters(b.right)}${b.bottom}`;
  const local = start === end ? start : `${start}:${end}`;
  const address = `${quoteSheet(sheet.name)}!${local}`;
  const values: Scalar[][] = [];
  const text: string[][] = [];
  const formulas: (string | Scalar)[][] = [];
  const numberFormat: string[][] = [];
  const valueTypes: string[][] = [];
  for (let r = b.top; r <= b.bottom; r++) {
    const rowValues: Scalar[] = [];
    const rowText: string[] = [];
    const rowFormulas: (string | Scalar)[] = [];
    const rowFormats: string[] = [];
    const rowTypes: string[] = [];
    for (let col = b.left; col <= b.right; col++) {
      const v = cellView(sheet.getCell(r, col));
      rowValues.push(v.value);
      rowText.push(v.text);
      rowFormulas.push(v.formula);
      rowFormats.push(v.numberFormat);
      rowTypes.push(v.valueType);
    }
    values.push(rowValues);
    text.push(rowText);
    formulas.push(rowFormulas);
    numberFormat.push(rowFormats);
    valueTypes.push(rowTypes);
  }
  const rowCount = b.bottom - b.top + 1;
  const columnCount = b.right - b.left + 1;
  void options;
  return {
    "@odata.type": "#microsoft.graph.workbookRange",
    address,
    addressLocal: address,
    cellCount: rowCount * columnCount,
    columnCount,
    columnHidden: false,
    columnIndex: b.left - 1,
    formulas,
    formulasLocal: formulas,
    formulasR1C1: formulas,
    hidden: false,
    numberFormat,
    rowCount,
    rowHidden: false,
    rowIndex: b.top - 1,
    text,
    valueTypes,
    values,
  };
}
