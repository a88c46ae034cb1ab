/**
 * The results as an Excel workbook (exceljs, as the records registers' export): sheet 「回答」 with
 * a title row, the frozen header row and one row per response (export-table.ts); sheet 「集計」 with
 * each question's counts, percentages and statistics (the ResultsView, suppression included).
 * Every text cell is neutralised (a leading = + - @ tab or CR gets an apostrophe) and written as
 * a string in a text-formatted cell, so nothing a respondent typed ever becomes a formula.
 */
import { type ExportCell, neutraliseFormula, QUESTION_LABELS, type ResultsView } from "@komu/shared";
import ExcelJS from "exceljs";
import type { ExportTable } from "./export-table.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface ResultsWorkbookInput {
  title: string;
  table: ExportTable;
  results: ResultsView;
  createdAt: Date;
}

function put(cell: ExcelJS.Cell, value: ExportCell): void {
  if (typeof value === "number") {
    cell.value = value;
    return;
  }
  cell.numFmt = "@";
  cell.value = value === null ? "" : neutraliseFormula(String(value));
}

const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };

function titleRow(sheet: ExcelJS.Worksheet, text: string, width: number): void {
  const cell = sheet.getRow(1).getCell(1);
  put(cell, text);
  cell.font = { bold: true, size: 14 };
  if (width > 1) sheet.mergeCells(1, 1, 1, width);
}

function headerRow(sheet: ExcelJS.Worksheet, row: number, headers: readonly string[]): void {
  const r = sheet.getRow(row);
  headers.forEach((h, i) => {
    const cell = r.getCell(i + 1);
    put(cell, h);
    cell.font = { bold: true };
    cell.fill = HEAD_FILL;
    cell.border = { bottom: { style: "thin" } };
  });
}

function responsesSheet(workbook: ExcelJS.Workbook, input: ResultsWorkbookInput): void {
  const { table } = input;
  const sheet = workbook.addWorksheet("回答", {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  table.headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(8, h.length * 2 + 2));
  });
  titleRow(sheet, `${input.title} 回答一覧`, table.headers.length);
  headerRow(sheet, 2, table.headers);
  if (table.headers.length > 0)
    sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: table.headers.length } };
  if (table.withheld) {
    put(sheet.getRow(3).getCell(1), "無記名のアンケートで回答が5件未満のため、回答は表示しません。");
    return;
  }
  table.rows.forEach((values, i) => {
    const row = sheet.getRow(i + 3);
    values.forEach((v, c) => {
      put(row.getCell(c + 1), v);
    });
  });
}

const percent = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 10 : 0);

function summarySheet(workbook: ExcelJS.Workbook, input: ResultsWorkbookInput): void {
  const { results } = input;
  const sheet = workbook.addWorksheet("集計", { views: [{ state: "frozen", ySplit: 2 }] });
  [44, 14, 12, 12].forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  titleRow(sheet, `${input.title} 集計`, 4);
  let r = 2;
  const line = (cells: ExportCell[], bold = false) => {
    const row = sheet.getRow(r++);
    cells.forEach((v, i) => {
      put(row.getCell(i + 1), v);
    });
    if (bold) row.font = { bold: true };
  };
  line([`回答 ${results.responses} 件 / 対象 ${results.recipients} 人`, "", "", ""], true);
  if (results.withheld) {
    line([`無記名のアンケートで回答が${results.minGroup}件未満のため、集計は表示しません。`]);
    return;
  }
  for (const q of results.questions) {
    r++;
    line([q.title, QUESTION_LABELS[q.type as keyof typeof QUESTION_LABELS]?.ja ?? q.type, `回答 ${q.answered}`], true);
    if (q.options) {
      headerRow(sheet, r++, ["選択肢", "件数", "割合(%)"]);
      for (const o of q.options) line([o.label, o.count, percent(o.count, q.answered)]);
    }
    if (q.stats) line([`平均 ${q.stats.mean} / 中央値 ${q.stats.median} / 最小 ${q.stats.min} / 最大 ${q.stats.max}`]);
    if (q.texts) line([`記述 ${q.texts.length} 件（「回答」シート）`]);
    for (const g of q.byClass ?? []) {
      if (g.suppressed) line([`${g.label}（${g.n}件：${results.minGroup}件未満のため内訳なし）`]);
      else if (g.options) line([`${g.label}（${g.n}件）: ${g.options.map((o) => `${o.label} ${o.count}`).join("、")}`]);
      else if (g.stats) line([`${g.label}（${g.n}件）: 平均 ${g.stats.mean}`]);
    }
  }
}

export async function buildResultsWorkbook(input: ResultsWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kōmu";
  workbook.created = input.createdAt;
  workbook.modified = input.createdAt;
  responsesSheet(workbook, input);
  summarySheet(workbook, input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
