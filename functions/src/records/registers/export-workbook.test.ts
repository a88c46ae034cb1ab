import type { RegisterEntryView } from "@komu/shared";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildRegisterWorkbook, registerHeaders, warekiDate } from "./export-workbook.js";

const line = (serial: number, over: Partial<RegisterEntryView> = {}): RegisterEntryView => ({
  register: "receipt",
  fiscalYear: 2026,
  serial,
  number: `青小受第${serial}号`,
  date: "2026-05-11",
  title: `通知 ${serial}`,
  counterpart: "青葉町教育委員会",
  channel: "mail",
  categoryCode: "C-01",
  classification: "III",
  status: "reserved",
  recordId: null,
  voidReason: null,
  note: null,
  createdBy: { oid: "o1", name: "事務 花子" },
  createdAt: "2026-05-11T01:00:00.000Z",
  etag: 'W/"1"',
  ...over,
});

async function parse(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  // biome-ignore lint/suspicious/noExplicitAny: exceljs's load() type wants its own Buffer type
  await wb.xlsx.load(buffer as any);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return sheet;
}

describe("buildRegisterWorkbook", () => {
  it("writes the title, Japanese headers and one row per line in serial order, dates in 和暦 and ISO", async () => {
    const buffer = await buildRegisterWorkbook({
      register: "receipt",
      fiscalYear: 2026,
      schoolName: "青葉小学校",
      entries: [
        line(2, { status: "voided", voidReason: "重複登録", date: "2027-03-31", channel: "fax" }),
        line(1, { status: "filed", recordId: "r1", note: "原本は金庫" }),
      ],
      categoryLabel: (code) => (code === "C-01" ? "C-01 教育委員会通知" : code),
      createdAt: new Date("2026-05-12T00:00:00Z"),
    });
    const sheet = await parse(buffer);
    expect(sheet.getCell("A1").value).toBe("令和8年度 収受簿 青葉小学校");
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(registerHeaders("receipt"));
    expect(registerHeaders("receipt").slice(0, 4)).toEqual(["受付番号", "収受日", "収受日（ISO）", "差出人"]);
    expect(registerHeaders("dispatch").slice(0, 4)).toEqual(["文書番号", "発送日", "発送日（ISO）", "宛先"]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      "青小受第1号",
      "令和8年5月11日",
      "2026-05-11",
      "青葉町教育委員会",
      "通知 1",
      "C-01 教育委員会通知",
      "III",
      "郵送",
      "保存済み",
      "",
      "事務 花子",
      "原本は金庫",
    ]);
    expect((sheet.getRow(4).values as unknown[]).slice(1, 10)).toEqual([
      "青小受第2号",
      "令和9年3月31日",
      "2027-03-31",
      "青葉町教育委員会",
      "通知 2",
      "C-01 教育委員会通知",
      "III",
      "FAX",
      "取消",
    ]);
    expect(sheet.getCell("J4").value).toBe("重複登録");
    expect(sheet.rowCount).toBe(4);
  });

  it("keeps text that looks like a formula as text", async () => {
    const evil = ['=HYPERLINK("http://x","y")', "+81-3-1234", "-1+2", "@SUM(A1)"];
    const buffer = await buildRegisterWorkbook({
      register: "dispatch",
      fiscalYear: 2026,
      schoolName: "青葉小学校",
      entries: evil.map((t, i) => line(i + 1, { register: "dispatch", title: t, counterpart: t })),
      categoryLabel: (c) => c,
      createdAt: new Date(),
    });
    const sheet = await parse(buffer);
    evil.forEach((t, i) => {
      const cell = sheet.getCell(i + 3, 5);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(t);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe("@");
    });
  });

  it("formats 和暦 dates across an era boundary", () => {
    expect(warekiDate("2019-04-30")).toBe("平成31年4月30日");
    expect(warekiDate("2019-05-01")).toBe("令和元年5月1日");
  });
});
