/** PDFs with Japanese text on given pages, for the meetings tests (not used by the app). */
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { loadJapaneseFont } from "../../approvals/pdf/fonts.js";
import { SIZES } from "../../approvals/pdf/testing.js";

/** One A4 page per entry; each line of an entry drawn as a text line. */
export async function textPdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await loadJapaneseFont(), { subset: true });
  for (const lines of pages) {
    const page = doc.addPage(SIZES.A4);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 50, y: 780 - i * 24, size: 12, font });
    });
  }
  return doc.save();
}
