import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { readSealMetadata } from "./metadata.js";
import { pageFrame } from "./page-frame.js";
import { sealPdf } from "./seal-pdf.js";
import { BAND_HEIGHT } from "./stamp-band.js";
import { formFieldPdf, plainPdf, SIZES, sealInput, stampBoxPdf } from "./testing.js";
import { pdfPageTexts, pdfTextItems } from "./text-items.js";

/** Items of page 1 with their visible position (pdf.js gives user space). */
const visibleItems = async (bytes: Uint8Array) => {
  const doc = await PDFDocument.load(bytes);
  const frame = pageFrame(doc.getPage(0));
  const [items = []] = await pdfTextItems(bytes, [1]);
  const { userToVisible } = await import("./page-frame.js");
  return { frame, items: items.map((i) => ({ ...i, ...userToVisible(frame, i.x, i.y) })) };
};

describe("sealPdf", () => {
  it("puts both approvers' imprints (surname and 和暦 date) on page 1 and appends the certificate", async () => {
    const original = await plainPdf({ pages: 3 });
    const sealed = await sealPdf(sealInput(original));
    expect(sealed.pageCount).toBe(4);
    expect(sealed.placement).toBe("band");
    expect(sealed.imprints).toBe(3); // drafter, 教頭, 校長
    const texts = await pdfPageTexts(sealed.bytes);
    const first = texts[0] ?? "";
    for (const s of ["小島", "松尾", "伊藤", "R8.11.25", "R8.11.24", "Original content page 1"])
      expect(first).toContain(s);
    const cert = texts[3] ?? "";
    expect(cert).toContain("決裁証明書");
    expect(cert).toContain("青葉小学校");
    expect(cert).toContain("青小第123号");
    expect(cert).toContain("令和8年11月25日 08:30（JST）"); // 23:30 UTC → next morning in Japan
    expect(cert).toContain("令和8年11月25日 11:05（JST）");
    expect(cert).toContain("日程を確認しました。");
    expect(cert).toContain(sealInput(original).sha256);
    expect(cert).toContain("KMU-7Q2M-4XRT-9PLA");
    expect(texts[1]).toContain("Original content page 2");
  });

  it("keeps the original pages' content streams and records the metadata", async () => {
    const original = await plainPdf({ pages: 2 });
    const sealed = await sealPdf(sealInput(original));
    const before = await PDFDocument.load(original);
    const after = await PDFDocument.load(sealed.bytes);
    const meta = readSealMetadata(after);
    expect(meta).toMatchObject({
      approvalId: "apv_01JTESTSEAL",
      verificationCode: "KMU-7Q2M-4XRT-9PLA",
      originalSha256: sealInput(original).sha256,
      originalPages: 2,
      placement: "band",
    });
    // Every original content stream is still there, byte for byte (page 1's wrapped in q … Q).
    const streams = (doc: PDFDocument, page: number) => {
      const node = doc.getPage(page).node;
      const contents = node.Contents();
      const list = contents instanceof PDFArray ? contents.asArray() : [contents];
      return list.map((ref) => {
        const stream = doc.context.lookup(ref);
        return stream instanceof PDFRawStream ? Buffer.from(stream.contents).toString("base64") : "";
      });
    };
    for (const page of [0, 1]) {
      const kept = streams(after, page);
      for (const original of streams(before, page)) expect(kept).toContain(original);
    }
    expect(streams(after, 1)).toEqual(streams(before, 1));
    // Page 2 is untouched: same size, no added text.
    expect(after.getPage(1).getSize()).toEqual(before.getPage(1).getSize());
    // Page 1 grew by the band at its top only.
    expect(after.getPage(0).getHeight()).toBeCloseTo(before.getPage(0).getHeight() + BAND_HEIGHT, 3);
    expect(after.getPage(0).getWidth()).toBeCloseTo(before.getPage(0).getWidth(), 3);
  });

  it("gives the same bytes for the same input (a retried seal step records the same hash)", async () => {
    const original = await plainPdf();
    const a = await sealPdf(sealInput(original));
    const b = await sealPdf(sealInput(original));
    expect(a.sha256).toBe(b.sha256);
  });

  it("refuses an original that does not match its hash", async () => {
    const original = await plainPdf();
    const other = await plainPdf({ text: "Other" });
    await expect(sealPdf(sealInput(original, { original: other }))).rejects.toMatchObject({
      code: "SEAL_INPUT_MISMATCH",
    });
  });

  it.each([
    ["A3 landscape", { size: SIZES.A3_LANDSCAPE }],
    ["B5", { size: SIZES.B5 }],
    ["B5 rotated 90", { size: SIZES.B5, rotate: 90 }],
    ["A4 rotated 180", { rotate: 180 }],
    ["A4 rotated 270", { rotate: 270 }],
  ])("places the band at the visible top of %s", async (_name, options) => {
    const original = await plainPdf(options);
    const before = pageFrame((await PDFDocument.load(original)).getPage(0));
    const sealed = await sealPdf(sealInput(original));
    const { frame, items } = await visibleItems(sealed.bytes);
    expect(frame.rotation).toBe(before.rotation);
    expect(frame.visibleWidth).toBeCloseTo(before.visibleWidth, 3);
    expect(frame.visibleHeight).toBeCloseTo(before.visibleHeight + BAND_HEIGHT, 3);
    const surnames = items.filter((i) => i.str === "松尾" || i.str === "小島");
    expect(surnames).toHaveLength(2);
    for (const s of surnames) {
      // In the band, upright: reading left to right in the visible page.
      expect(s.v).toBeGreaterThan(before.visibleHeight);
      expect(s.v).toBeLessThan(frame.visibleHeight);
      expect(s.u).toBeGreaterThan(frame.visibleWidth / 2);
      const end = { x: s.x + s.dx * s.width, y: s.y + s.dy * s.width };
      const { userToVisible } = await import("./page-frame.js");
      expect(userToVisible(frame, end.x, end.y).u).toBeGreaterThan(s.u);
    }
    // The original text stayed where it was (visible coordinates unchanged).
    const content = items.find((i) => i.str.startsWith("Original content"));
    expect(content).toBeDefined();
    expect(content?.v).toBeLessThan(before.visibleHeight);
  });

  it("seals into a 決裁欄 found by its labels: each imprint under its role, nothing added on top", async () => {
    const original = await stampBoxPdf();
    const sealed = await sealPdf(sealInput(original));
    expect(sealed.placement).toBe("stamp-box");
    const { frame, items } = await visibleItems(sealed.bytes);
    expect(frame.visibleHeight).toBeCloseTo(SIZES.A4[1], 3);
    const at = (s: string) => items.filter((i) => i.str === s);
    const [principalLabel] = at("校長");
    const [viceLabel] = at("教頭");
    const [matsuo] = at("松尾");
    const [kojima] = at("小島");
    const [ito] = at("伊藤");
    if (!principalLabel || !viceLabel || !matsuo || !kojima || !ito) throw new Error("missing text");
    // Label cells are 60 pt wide starting at x = 300: the imprint sits in its own column, below the label.
    expect(Math.abs(matsuo.u + matsuo.width / 2 - 330)).toBeLessThan(5);
    expect(Math.abs(kojima.u + kojima.width / 2 - 390)).toBeLessThan(5);
    expect(Math.abs(ito.u + ito.width / 2 - 450)).toBeLessThan(5);
    for (const s of [matsuo, kojima, ito]) {
      expect(s.v).toBeLessThan(770);
      expect(s.v).toBeGreaterThan(710);
    }
  });

  it("seals into komu.seal.<role> form fields and takes the fields off the form", async () => {
    const sealed = await sealPdf(sealInput(await formFieldPdf()));
    expect(sealed.placement).toBe("stamp-box");
    const doc = await PDFDocument.load(sealed.bytes);
    expect(
      doc
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual([]);
    const { items } = await visibleItems(sealed.bytes);
    const matsuo = items.find((i) => i.str === "松尾");
    const kojima = items.find((i) => i.str === "小島");
    expect(Math.abs((matsuo?.u ?? 0) + (matsuo?.width ?? 0) / 2 - 430)).toBeLessThan(4);
    expect(Math.abs((kojima?.u ?? 0) + (kojima?.width ?? 0) / 2 - 500)).toBeLessThan(4);
  });

  it("falls back to the band when a decision's role has no cell in the 決裁欄", async () => {
    const original = await stampBoxPdf(["校長", "起案者"]);
    const sealed = await sealPdf(sealInput(original));
    expect(sealed.placement).toBe("band");
  });

  it("marks 代決 on the imprint and names the absent approver on the certificate; returns leave no imprint", async () => {
    const original = await plainPdf();
    const input = sealInput(original);
    const [vice, principal] = input.decisions;
    if (!vice || !principal) throw new Error("fixture");
    const sealed = await sealPdf({
      ...input,
      decisions: [
        { ...vice, decision: "returned", comment: "日付を直してください。", decidedAt: "2026-11-20T01:00:00Z" },
        vice,
        { ...principal, decision: "delegated", name: "桜井 聡", surname: "桜井", deputyFor: "松尾 俊介" },
      ],
    });
    expect(sealed.imprints).toBe(3);
    const [first = "", cert = ""] = await pdfPageTexts(sealed.bytes);
    expect(first).toContain("代決");
    expect(first).toContain("桜井");
    expect(first).not.toContain("松尾");
    expect(cert).toContain("差し戻し");
    expect(cert).toContain("日付を直してください。");
    expect(cert).toContain("松尾 俊介 の代決");
  });

  it("continues the certificate on a second page for a long route", async () => {
    const original = await plainPdf();
    const input = sealInput(original);
    const base = input.decisions[0];
    if (!base) throw new Error("fixture");
    const decisions = Array.from({ length: 30 }, (_, i) => ({
      ...base,
      stageLabel: `合議 ${i + 1}`,
      comment: "確認しました。".repeat(12),
    }));
    const sealed = await sealPdf({ ...input, decisions });
    expect(sealed.pageCount).toBeGreaterThanOrEqual(3);
    const texts = await pdfPageTexts(sealed.bytes);
    expect(texts.at(-1)).toContain("KMU-7Q2M-4XRT-9PLA");
    expect(texts[2]).toContain("決裁証明（続き）");
  });
  it("draws a registered seal image instead of the vector imprint, keeping the surname searchable", async () => {
    const png = Uint8Array.from(
      Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
        "base64",
      ),
    );
    const original = await plainPdf();
    const sealed = await sealPdf(sealInput(original, { sealImages: [{ name: "松尾 俊介", png }] }));
    const doc = await PDFDocument.load(sealed.bytes);
    const xobjects = doc.getPage(0).node.Resources()?.lookup(PDFName.of("XObject"));
    expect(xobjects instanceof PDFDict && xobjects.keys().length).toBe(1);
    const [first = ""] = await pdfPageTexts(sealed.bytes);
    expect(first).toContain("松尾");
    expect(first).toContain("小島");
    await expect(
      sealPdf(sealInput(original, { sealImages: [{ name: "松尾 俊介", png: new Uint8Array([1, 2, 3]) }] })),
    ).rejects.toMatchObject({ code: "IMAGE_INVALID" });
  });

  it("places the band on a page whose boxes do not start at (0, 0)", async () => {
    const base = await PDFDocument.load(await plainPdf());
    const page = base.getPage(0);
    page.setMediaBox(100, 200, 595.28, 841.89);
    page.setCropBox(120, 220, 500, 700);
    const original = await base.save();
    const sealed = await sealPdf(sealInput(original));
    const { frame, items } = await visibleItems(sealed.bytes);
    expect(frame.visibleHeight).toBeCloseTo(700 + BAND_HEIGHT, 3);
    const matsuo = items.find((i) => i.str === "松尾");
    expect(matsuo?.v).toBeGreaterThan(700);
    expect(matsuo?.u).toBeGreaterThan(250);
    expect(matsuo?.u).toBeLessThan(500);
  });
  it("keeps every imprint on a narrow page (the description gives way)", async () => {
    const original = await plainPdf({ size: [200, 400] });
    const input = sealInput(original);
    const base = input.decisions[0];
    if (!base) throw new Error("fixture");
    const decisions = ["教務主任", "学年主任", "事務長", "教頭", "校長"].map((role, i) => ({
      ...base,
      role,
      stageLabel: role,
      surname: `姓${i}`,
    }));
    const sealed = await sealPdf({ ...input, decisions });
    const { items } = await visibleItems(sealed.bytes);
    const surnames = items.filter((i) => /^姓\d$|^伊藤$/.test(i.str));
    expect(surnames).toHaveLength(6);
    for (const s of surnames) {
      expect(s.u).toBeGreaterThan(0);
      expect(s.u + s.width).toBeLessThan(200);
    }
  });
  it("reports the characters the font cannot draw (「𠮷」, emoji) instead of failing", async () => {
    const input = sealInput(await plainPdf());
    const [vice, principal] = input.decisions;
    if (!vice || !principal) throw new Error("fixture");
    const sealed = await sealPdf({
      ...input,
      decisions: [
        { ...vice, comment: "了解です👍" },
        { ...principal, name: "𠮷田 太郎", surname: "𠮷田" },
      ],
    });
    expect(sealed.missingGlyphs).toEqual(["👍", "𠮷"]);
    expect((await sealPdf(input)).missingGlyphs).toEqual([]);
  });
  it("puts a 代決 imprint in the absent approver's cell when their role is given", async () => {
    const input = sealInput(await stampBoxPdf());
    const [vice, principal] = input.decisions;
    if (!vice || !principal) throw new Error("fixture");
    const sealed = await sealPdf({
      ...input,
      decisions: [
        vice,
        { ...vice, decision: "delegated", stageLabel: "決裁", deputyFor: "松尾 俊介", deputyForRole: "校長" },
      ],
    });
    expect(sealed.placement).toBe("stamp-box");
    const { items } = await visibleItems(sealed.bytes);
    const kojima = items.filter((i) => i.str === "小島").map((i) => Math.round(i.u + i.width / 2));
    // One in the 校長 column (x 300–360), one in the 教頭 column (360–420), each full size.
    expect(kojima.sort()).toEqual([expect.closeTo(330, -1), expect.closeTo(390, -1)]);
    expect(items.some((i) => i.str === "代決")).toBe(true);
  });
});
