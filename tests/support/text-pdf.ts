/** A PDF (pdf-lib, Helvetica) whose pages carry these lines of real, extractable text. */
import { PDFDocument, StandardFonts } from "pdf-lib";

export async function textPdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 50, y: 760 - i * 28, size: 16, font });
    });
  }
  return Buffer.from(await doc.save());
}
