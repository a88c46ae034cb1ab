import { describe, expect, it } from "vitest";
import { inspectPdf } from "./inspect-pdf.js";
import { sealPdf } from "./seal-pdf.js";
import { encryptedPdf, formFieldPdf, plainPdf, SIZES, sealInput, stampBoxPdf } from "./testing.js";
import { PDF_LIMITS } from "./types.js";

describe("inspectPdf", () => {
  it("reports pages as a viewer shows them (A3 landscape, B5 rotated)", async () => {
    const a3 = await inspectPdf(await plainPdf({ size: SIZES.A3_LANDSCAPE, pages: 2 }));
    expect(a3.pageCount).toBe(2);
    expect(a3.pages[0]).toMatchObject({ rotation: 0, visibleWidth: SIZES.A3_LANDSCAPE[0] });
    expect(a3.stampBox).toBeNull();
    expect(a3.komuSealed).toBe(false);
    const b5 = await inspectPdf(await plainPdf({ size: SIZES.B5, rotate: -90 }));
    expect(b5.pages[0]).toMatchObject({
      rotation: 270,
      width: SIZES.B5[0],
      visibleWidth: SIZES.B5[1],
      visibleHeight: SIZES.B5[0],
    });
  });

  it("finds a 決裁欄 by its labels, and komu.seal.* fields", async () => {
    const text = await inspectPdf(await stampBoxPdf());
    expect(text.stampBox?.source).toBe("text");
    expect(text.stampBox?.slots.map((s) => s.label)).toEqual(["校長", "教頭", "起案者"]);
    const fields = await inspectPdf(await formFieldPdf());
    expect(fields.stampBox?.source).toBe("form-field");
    expect(fields.stampBox?.slots.map((s) => s.label)).toEqual(["校長", "教頭"]);
  });

  it("tells a Kōmu-sealed PDF", async () => {
    const sealed = await sealPdf(sealInput(await plainPdf()));
    expect((await inspectPdf(sealed.bytes)).komuSealed).toBe(true);
  });

  it("refuses an encrypted PDF", async () => {
    await expect(inspectPdf(await encryptedPdf())).rejects.toMatchObject({ code: "PDF_ENCRYPTED", status: 422 });
  });

  it.each([
    ["not a PDF", new TextEncoder().encode("<html>hello</html>")],
    ["a header and garbage", new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(500)}`)],
  ])("refuses %s", async (_name, bytes) => {
    await expect(inspectPdf(bytes)).rejects.toMatchObject({ code: "PDF_INVALID" });
  });

  it("refuses a truncated PDF", async () => {
    const whole = await plainPdf({ pages: 3 });
    await expect(inspectPdf(whole.subarray(0, Math.floor(whole.length / 3)))).rejects.toMatchObject({
      code: "PDF_INVALID",
    });
  });

  it("refuses empty, too large and too many pages", async () => {
    await expect(inspectPdf(new Uint8Array())).rejects.toMatchObject({ code: "FILE_EMPTY" });
    const huge = new Uint8Array(PDF_LIMITS.maxBytes + 1);
    await expect(inspectPdf(huge)).rejects.toMatchObject({ code: "PDF_TOO_LARGE", status: 413 });
    const many = await plainPdf({ pages: PDF_LIMITS.maxPages + 1 });
    await expect(inspectPdf(many)).rejects.toMatchObject({ code: "PDF_TOO_LARGE" });
  });
});
