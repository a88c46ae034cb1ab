import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSite } from "../sharepoint/model.js";
import { startTestTenant, type TestTenant } from "../sharepoint/test-support.js";

let t: TestTenant;
let driveId: string;
let itemId: string;

async function buildXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("回答");
  ws.getCell("B2").value = "氏名";
  ws.getCell("C2").value = "点数";
  ws.getCell("D2").value = "提出日";
  ws.getCell("E2").value = "出席";
  ws.getCell("B3").value = "田中 花子";
  ws.getCell("C3").value = 85;
  ws.getCell("D3").value = new Date(Date.UTC(2026, 3, 10));
  ws.getCell("D3").numFmt = "yyyy/m/d";
  ws.getCell("E3").value = true;
  ws.getCell("B4").value = "佐藤 一郎";
  ws.getCell("C4").value = 0.925;
  ws.getCell("C4").numFmt = "0.0%";
  ws.getCell("B5").value = "合計";
  ws.getCell("C5").value = { formula: "SUM(C3:C4)", result: 85.925 };
  wb.addWorksheet("Sheet2");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await startTestTenant();
  ({ driveId } = ensureSite(t.ctx, { key: "aoba-j", displayName: "青葉中学校" }));
  const res = await t.fetch(`/v1.0/drives/${driveId}/root:/アンケート.xlsx:/content`, {
    method: "PUT",
    body: (await buildXlsx()) as unknown as BodyInit,
  });
  itemId = ((await res.json()) as { id: string }).id;
});
afterAll(() => t.stop());

const get = async (path: string) => {
  const res = await t.fetch(`/v1.0/drives/${driveId}/items/${itemId}/workbook${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, any>;
};

describe("workbook over a real .xlsx", () => {
  it("lists worksheets", async () => {
    const body = await get("/worksheets");
    expect(body.value.map((w: any) => [w.name, w.position, w.visibility])).toEqual([
      ["回答", 0, "Visible"],
      ["Sheet2", 1, "Visible"],
    ]);
    const byId = await get(`/worksheets/${encodeURIComponent(body.value[1].id)}`);
    expect(byId.name).toBe("Sheet2");
  });

  it("usedRange reads values, text, formulas and number formats", async () => {
    const r = await get(`/worksheets/${encodeURIComponent("回答")}/usedRange`);
    expect(r.address).toBe("'回答'!B2:E5");
    expect([r.rowCount, r.columnCount, r.rowIndex, r.columnIndex, r.cellCount]).toEqual([4, 4, 1, 1, 16]);
    expect(r.values[0]).toEqual(["氏名", "点数", "提出日", "出席"]);
    expect(r.values[1][0]).toBe("田中 花子");
    expect(r.values[1][1]).toBe(85);
    expect(r.values[1][2]).toBe(46122); // 2026-04-10 as an Excel serial
    expect(r.text[1][2]).toBe("2026/4/10");
    expect(r.values[1][3]).toBe(true);
    expect(r.text[1][3]).toBe("TRUE");
    expect(r.text[2][1]).toBe("92.5%");
    expect(r.numberFormat[2][1]).toBe("0.0%");
    expect(r.formulas[3][1]).toBe("=SUM(C3:C4)");
    expect(r.values[3][1]).toBe(85.925);
    expect(r.values[2][2]).toBe("");
    expect(r.valueTypes[2][2]).toBe("Empty");
    const sheet2 = await get("/worksheets/Sheet2/usedRange(valuesOnly=true)");
    expect(sheet2.address).toBe("Sheet2!A1");
  });

  it("usedRange(valuesOnly=true) and range(address=…) through path addressing", async () => {
    const res = await t.fetch(
      `/v1.0/drives/${driveId}/root:/アンケート.xlsx:/workbook/worksheets('回答')/range(address='B3:C4')`,
    );
    const r = (await res.json()) as Record<string, any>;
    expect(r.address).toBe("'回答'!B3:C4");
    expect(r.values).toEqual([
      ["田中 花子", 85],
      ["佐藤 一郎", 0.925],
    ]);
    const v = await get("/worksheets/回答/usedRange(valuesOnly=true)");
    expect(v.address).toBe("'回答'!B2:E5");
  });

  it("refuses files that are not workbooks", async () => {
    const txt = (await (
      await t.fetch(`/v1.0/drives/${driveId}/root:/a.txt:/content`, { method: "PUT", body: "x" })
    ).json()) as { id: string };
    expect((await t.fetch(`/v1.0/drives/${driveId}/items/${txt.id}/workbook/worksheets`)).status).toBe(400);
  });
});
