/**
 * The 収受簿 / 発送簿 of one 年度 as an Excel workbook: a title row (「令和8年度 収受簿 青葉小学校」),
 * Japanese headers, one row per line in serial order. Dates appear twice, in 和暦 and ISO. Every
 * value is written as a string cell in a text-formatted column, so a 件名 like "=HYPERLINK(…)" or
 * "+81…" stays text (never a formula), also when someone edits the cell later.
 */
import {
  formatEraYear,
  formatFiscalYear,
  REGISTER_KIND_LABELS,
  type RegisterEntryView,
  type RegisterKind,
  warekiOfCalendarDay,
} from "@komu/shared";
import ExcelJS from "exceljs";
import { CHANNEL_LABEL, COUNTERPART_LABEL, DATE_LABEL, NUMBER_LABEL, STATUS_LABEL } from "./labels.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface RegisterWorkbookInput {
  register: RegisterKind;
  fiscalYear: number;
  schoolName: string;
  entries: readonly RegisterEntryView[];
  /** "A-01 指導要録（学籍）" for a category code (the code alone when unknown). */
  categoryLabel(code: string): string;
  createdAt: Date;
}

/** 令和8年5月11日 for "2026-05-11". */
export function warekiDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const w = warekiOfCalendarDay(y, m, d);
  return `${formatEraYear(w.era, w.year)}${m}月${d}日`;
}

export function registerTitle(register: RegisterKind, fiscalYear: number, schoolName: string): string {
  return `${formatFiscalYear(fiscalYear)} ${REGISTER_KIND_LABELS[register].ja} ${schoolName}`;
}

export function registerHeaders(register: RegisterKind): string[] {
  return [
    NUMBER_LABEL[register],
    DATE_LABEL[register],
    `${DATE_LABEL[register]}（ISO）`,
    COUNTERPART_LABEL[register],
    "件名",
    "分類",
    "重要性分類",
    "方法",
    "状態",
    "取消理由",
    "登録者",
    "備考",
  ];
}

const WIDTHS = [16, 16, 13, 24, 40, 24, 10, 10, 10, 24, 14, 30];

export async function buildRegisterWorkbook(input: RegisterWorkbookInput): Promise<Buffer> {
  const { register } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kōmu";
  workbook.created = input.createdAt;
  workbook.modified = input.createdAt;
  const sheet = workbook.addWorksheet(`${REGISTER_KIND_LABELS[register].ja} ${input.fiscalYear}年度`, {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const headers = registerHeaders(register);
  headers.forEach((_, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = WIDTHS[i] ?? 14;
    column.numFmt = "@";
  });

  const title = sheet.getRow(1);
  setText(title.getCell(1), registerTitle(register, input.fiscalYear, input.schoolName));
  title.getCell(1).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);

  const head = sheet.getRow(2);
  headers.forEach((h, i) => {
    const cell = head.getCell(i + 1);
    setText(cell, h);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
    cell.border = { bottom: { style: "thin" } };
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: headers.length } };

  const sorted = [...input.entries].sort((a, b) => a.serial - b.serial);
  sorted.forEach((e, i) => {
    const row = sheet.getRow(i + 3);
    const values = [
      e.number,
      warekiDate(e.date),
      e.date,
      e.counterpart,
      e.title,
      input.categoryLabel(e.categoryCode),
      e.classification,
      CHANNEL_LABEL[e.channel],
      STATUS_LABEL[e.status],
      e.voidReason ?? "",
      e.createdBy.name,
      e.note ?? "",
    ];
    values.forEach((v, c) => {
      setText(row.getCell(c + 1), v);
    });
    if (e.status === "voided") row.font = { color: { argb: "FF808080" }, strike: true };
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A string cell in text format: never a formula, whatever the first character. */
function setText(cell: ExcelJS.Cell, value: string): void {
  cell.numFmt = "@";
  cell.value = value;
}
