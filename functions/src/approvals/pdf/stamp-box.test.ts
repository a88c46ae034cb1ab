import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pageFrame } from "./page-frame.js";
import { DEFAULT_ROLE_LABELS, fieldRole, stampBoxFromText } from "./stamp-box.js";
import type { TextItem } from "./text-items.js";

const frameOf = async (rotate = 0) => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  if (rotate) page.setRotation({ type: "degrees", angle: rotate } as never);
  return pageFrame(page);
};

const item = (str: string, x: number, y: number, size = 10): TextItem => ({
  str,
  x,
  y,
  dx: 1,
  dy: 0,
  width: str.length * size,
  height: size,
});

describe("finding the 押印欄 in the text", () => {
  it("needs two labels on one line, or a 押印欄/決裁欄 marker", async () => {
    const f = await frameOf();
    expect(stampBoxFromText(f, [item("校長", 400, 780)])).toBeNull();
    expect(stampBoxFromText(f, [item("校長", 400, 780), item("教頭", 460, 780)])?.slots).toHaveLength(2);
    expect(stampBoxFromText(f, [item("決裁欄", 300, 790), item("校長", 400, 780)])?.slots).toHaveLength(1);
  });

  it("ignores labels inside sentences and labels on different lines", async () => {
    const f = await frameOf();
    expect(stampBoxFromText(f, [item("校長先生へのお願い", 50, 700), item("教頭より", 50, 680)])).toBeNull();
    expect(stampBoxFromText(f, [item("校長", 400, 780), item("教頭", 400, 600)])).toBeNull();
  });

  it("reads 「校　長」 with a full-width space as 校長, and puts the slot under the label", async () => {
    const f = await frameOf();
    const box = stampBoxFromText(f, [item("校　長", 400, 780), item("教　頭", 460, 780)]);
    const slot = box?.slots[0];
    expect(slot?.label).toBe("校長");
    expect(slot?.cx).toBeCloseTo(400 + 15, 5);
    expect(slot?.cy).toBeLessThan(780);
    expect(slot?.size).toBeGreaterThan(22);
    expect(slot?.size).toBeLessThanOrEqual(46);
  });

  it("accepts the route's own role names besides the usual ones", async () => {
    const f = await frameOf();
    expect(DEFAULT_ROLE_LABELS).not.toContain("研究主任");
    const items = [item("研究主任", 380, 780), item("校長", 460, 780)];
    expect(stampBoxFromText(f, items, ["研究主任"])?.slots.map((s) => s.label)).toEqual(["研究主任", "校長"]);
  });

  it("names form fields komu.seal.<role> and 押印.<role>", () => {
    expect(fieldRole("komu.seal.校長")).toBe("校長");
    expect(fieldRole("押印.教　頭")).toBe("教頭");
    expect(fieldRole("signature1")).toBeNull();
  });
  it("joins a label written with 均等割り付け (one item per character)", async () => {
    const f = await frameOf();
    const items = [item("校", 310, 780), item("長", 340, 780), item("教", 370, 780), item("頭", 400, 780)];
    const box = stampBoxFromText(f, items);
    expect(box?.slots.map((s) => s.label)).toEqual(["校長", "教頭"]);
    expect(box?.slots[0]?.cx).toBeCloseTo((310 + 350) / 2, 5);
    // Characters far apart, or on different lines, are not a label.
    expect(stampBoxFromText(f, [item("校", 100, 780), item("長", 300, 780), item("教頭", 400, 780)])).toBeNull();
  });
});

describe("reading text with a time limit", () => {
  it("gives up after the limit (callers then seal into a band)", async () => {
    const { pdfTextItems } = await import("./text-items.js");
    const { plainPdf } = await import("./testing.js");
    await expect(pdfTextItems(await plainPdf({ pages: 50 }), undefined, 1)).rejects.toThrow(/took over 1 ms/);
  });
});
