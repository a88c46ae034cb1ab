/**
 * A Microsoft Forms response workbook, parsed with exceljs (the maintained library the records
 * registers already use): the first worksheet's header row and data rows as plain values.
 * Anything exceljs cannot open as .xlsx (a .docx renamed, a CSV, a broken file) is
 * FORMS_WORKBOOK_UNREADABLE — nothing is recorded.
 */
import { KomuError } from "@komu/shared";
import ExcelJS from "exceljs";

export type FormsValue = string | number | boolean | Date | null;

export interface FormsSheet {
  headers: string[];
  /** Data rows in sheet order; `row` is the 1-based worksheet row number. */
  rows: { row: number; values: FormsValue[] }[];
}

function plain(value: ExcelJS.CellValue): FormsValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return plain(value.result as ExcelJS.CellValue);
    if ("error" in value) return null;
  }
  return String(value);
}

export async function readFormsWorkbook(bytes: Uint8Array): Promise<FormsSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new KomuError("FORMS_WORKBOOK_UNREADABLE", { details: { reason: "notXlsx" } });
  }
  const sheet = workbook.worksheets.find((ws) => ws.state !== "hidden" && ws.state !== "veryHidden");
  if (!sheet) throw new KomuError("FORMS_WORKBOOK_UNREADABLE", { details: { reason: "noWorksheet" } });
  const width = sheet.actualColumnCount > 0 ? sheet.columnCount : 0;
  const head = sheet.getRow(1);
  const headers = Array.from({ length: width }, (_, i) => {
    const v = plain(head.getCell(i + 1).value);
    return v === null ? "" : String(v).trim();
  });
  while (headers.length > 0 && headers[headers.length - 1] === "") headers.pop();
  const rows: FormsSheet["rows"] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const values = headers.map((_, i) => plain(r.getCell(i + 1).value));
    if (values.some((v) => v !== null && v !== "")) rows.push({ row: n, values });
  });
  return { headers, rows };
}
