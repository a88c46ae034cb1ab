/**
 * PDFs made for the tests and the bench (not used by the app): plain pages of any size and
 * rotation, a 起案用紙 with a 決裁欄 drawn as text, one with `komu.seal.*` form fields, and an
 * encrypted one.
 */
import { createHash } from "node:crypto";
import fontkit from "@pdf-lib/fontkit";
import { degrees, PDFDocument, PDFHexString, PDFName, rgb, StandardFonts } from "pdf-lib";
import { loadJapaneseFont } from "./fonts.js";
import type { SealInput } from "./types.js";

export const SIZES = {
  A4: [595.28, 841.89] as [number, number],
  A3_LANDSCAPE: [1190.55, 841.89] as [number, number],
  B5: [515.91, 728.5] as [number, number],
};

export const plainPdf = async (
  options: { pages?: number; size?: [number, number]; rotate?: number; text?: string } = {},
): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) {
    const page = doc.addPage(options.size ?? SIZES.A4);
    if (options.rotate) page.setRotation(degrees(options.rotate));
    const { width, height } = page.getSize();
    page.drawText(`${options.text ?? "Original content"} page ${i + 1}`, { x: 40, y: height - 60, size: 14, font });
    page.drawRectangle({ x: 30, y: 30, width: width - 60, height: height - 100, borderColor: rgb(0, 0, 0.6) });
  }
  return doc.save();
};

/**
 * A 起案用紙 with 決裁欄: labels 校長 / 教頭 / 起案者 in a row at the top right (a label row of
 * `labelRow` pt), a ruled seal cell of `cellHeight` pt under each, 60 pt wide from x = 300.
 */
export const stampBoxPdf = async (
  labels = ["校長", "教頭", "起案者"],
  options: { labelRow?: number; cellHeight?: number } = {},
): Promise<Uint8Array> => {
  const labelRow = options.labelRow ?? 15;
  const cellHeight = options.cellHeight ?? 60;
  const top = 785;
  const rowLine = top - labelRow;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await loadJapaneseFont(), { subset: true });
  const page = doc.addPage(SIZES.A4);
  page.drawText("起案用紙", { x: 50, y: 780, size: 20, font });
  page.drawText("決裁欄", { x: 300, y: 790, size: 9, font });
  labels.forEach((label, i) => {
    const x = 300 + i * 60;
    page.drawRectangle({
      x,
      y: rowLine - cellHeight,
      width: 60,
      height: labelRow + cellHeight,
      borderColor: rgb(0, 0, 0),
      borderWidth: 0.8,
    });
    page.drawLine({ start: { x, y: rowLine }, end: { x: x + 60, y: rowLine }, thickness: 0.8 });
    const baseline = rowLine + (labelRow - 10) / 2 + 1.5;
    page.drawText(label, { x: x + 30 - font.widthOfTextAtSize(label, 10) / 2, y: baseline, size: 10, font });
  });
  page.drawText("件名 運動会の実施について", { x: 50, y: 600, size: 12, font });
  return doc.save();
};

/** A template with form fields `komu.seal.校長` and `komu.seal.教頭` as the 押印欄. */
export const formFieldPdf = async (): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  const page = doc.addPage(SIZES.A4);
  const form = doc.getForm();
  for (const [i, role] of ["校長", "教頭"].entries()) {
    const field = form.createTextField(`komu.seal.${role}`);
    field.addToPage(page, { x: 400 + i * 70, y: 720, width: 60, height: 60 });
  }
  return doc.save();
};

/** A PDF whose trailer names an /Encrypt dictionary (what a password-protected file has). */
export const encryptedPdf = async (): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  doc.addPage(SIZES.A4);
  doc.context.trailerInfo.Encrypt = doc.context.register(
    doc.context.obj({
      Filter: PDFName.of("Standard"),
      V: 1,
      R: 2,
      O: PDFHexString.of("00".repeat(32)),
      U: PDFHexString.of("00".repeat(32)),
      P: -4,
    }),
  );
  return doc.save({ useObjectStreams: false });
};

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A 決裁 by the 教頭 then the 校長 of 青葉小 (the seeded users), drafted by 伊藤. */
export const sealInput = (original: Uint8Array, over: Partial<SealInput> = {}): SealInput => ({
  schoolId: "aoba-e",
  schoolName: "青葉小学校",
  approvalId: "apv_01JTESTSEAL",
  original,
  title: "運動会の実施について",
  documentNumber: "青小第123号",
  drafter: { name: "伊藤 綾", surname: "伊藤", role: "教諭" },
  submittedAt: "2026-11-24T00:10:00.000Z",
  decisions: [
    {
      stageLabel: "教頭",
      role: "教頭",
      name: "小島 智子",
      surname: "小島",
      decision: "approved",
      decidedAt: "2026-11-24T23:30:00.000Z",
      comment: "日程を確認しました。",
    },
    {
      stageLabel: "決裁",
      role: "校長",
      name: "松尾 俊介",
      surname: "松尾",
      decision: "approved",
      decidedAt: "2026-11-25T02:05:00.000Z",
    },
  ],
  sha256: sha256(original),
  verificationCode: "KMU-7Q2M-4XRT-9PLA",
  ...over,
});

/** What another tool does when someone adds a page to a sealed PDF and saves it. */
export const appendBlankPage = async (bytes: Uint8Array): Promise<Uint8Array> => {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.addPage();
  return doc.save();
};
