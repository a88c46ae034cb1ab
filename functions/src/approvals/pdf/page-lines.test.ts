import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { inspectPdf } from "./inspect-pdf.js";
import { pageFrame } from "./page-frame.js";
import { segmentsFromOperators } from "./page-lines.js";
import { sealPdf } from "./seal-pdf.js";
import { stampBoxFromText } from "./stamp-box.js";
import { sealInput, stampBoxPdf } from "./testing.js";
import { pdfTextItems } from "./text-items.js";

const OPS = { save: 10, restore: 11, transform: 12, constructPath: 91 };

describe("ruled lines from the operator list", () => {
  it("follows the transformation matrix, closes rectangles, and reads thin filled boxes as rules", () => {
    const rect = [0, 0, 0, 1, 0, 10, 1, 60, 10, 1, 60, 0, 4];
    const thin = [0, 0, 0, 1, 100, 0, 1, 100, 0.5, 1, 0, 0.5, 4];
    const segments = segmentsFromOperators(
      [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.constructPath],
      [null, [1, 0, 0, 1, 100, 200], [20, [rect], [0, 0, 60, 10]], null, [22, [thin], [0, 0, 100, 0.5]]],
      OPS,
    );
    expect(segments).toEqual([
      { x1: 100, y1: 200, x2: 100, y2: 210 },
      { x1: 100, y1: 210, x2: 160, y2: 210 },
      { x1: 160, y1: 210, x2: 160, y2: 200 },
      { x1: 160, y1: 200, x2: 100, y2: 200 },
      { x1: 0, y1: 0.25, x2: 100, y2: 0.25 },
    ]);
  });
});

describe("imprints centred in the ruled cell under the label", () => {
  it("uses the cell, not a fixed offset, when the label row is tall", async () => {
    // Label row 28 pt, cell 80 pt: cells span y 677–757, centre 717.
    const pdf = await stampBoxPdf(["校長", "教頭", "起案者"], { labelRow: 28, cellHeight: 80 });
    const info = await inspectPdf(pdf);
    const principal = info.stampBox?.slots.find((s) => s.label === "校長");
    expect(principal?.cx).toBeCloseTo(330, 0);
    expect(principal?.cy).toBeCloseTo(717, 0);
    expect(principal?.size).toBeCloseTo(60 * 0.86, 0);
    // Without the lines, the label alone gives a slot right under it instead.
    const doc = await PDFDocument.load(pdf);
    const [items = []] = await pdfTextItems(pdf, [1]);
    const heuristic = stampBoxFromText(pageFrame(doc.getPage(0)), items)?.slots.find((s) => s.label === "校長");
    expect(Math.abs((heuristic?.cy ?? 0) - 717)).toBeGreaterThan(10);

    const sealed = await sealPdf(sealInput(pdf));
    const [sealedItems = []] = await pdfTextItems(sealed.bytes, [1]);
    const dates = sealedItems.filter((i) => i.str === "R8.11.25").map((i) => ({ x: i.x + i.width / 2, y: i.y }));
    expect(dates).toHaveLength(2);
    for (const d of dates) {
      expect(d.y).toBeGreaterThan(710);
      expect(d.y).toBeLessThan(717);
    }
  });
});
