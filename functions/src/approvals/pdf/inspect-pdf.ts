import { loadPdf } from "./load-pdf.js";
import { readSealMetadata } from "./metadata.js";
import { pageFrame, pageInfo } from "./page-frame.js";
import { pageLayout } from "./page-lines.js";
import { stampBoxFromFields, stampBoxFromText } from "./stamp-box.js";
import type { PdfInspection } from "./types.js";

/**
 * What the engine checks when a PDF is attached to a 起案: readable, not encrypted, within
 * PDF_LIMITS (refused with PDF_INVALID / PDF_ENCRYPTED / PDF_TOO_LARGE / FILE_EMPTY), its pages as
 * a viewer shows them, and whether page 1 has a 押印欄 (`roles`: the route's role labels, added
 * to the usual ones).
 */
export const inspectPdf = async (bytes: Uint8Array, roles: readonly string[] = []): Promise<PdfInspection> => {
  const doc = await loadPdf(bytes);
  const fromFields = stampBoxFromFields(doc);
  let stampBox = fromFields?.box ?? null;
  if (!stampBox) {
    const { items, segments } = await pageLayout(bytes).catch(() => ({ items: [], segments: [] }));
    stampBox = stampBoxFromText(pageFrame(doc.getPage(0)), items, roles, segments);
  }
  return {
    bytes: bytes.byteLength,
    pageCount: doc.getPageCount(),
    pages: doc.getPages().map(pageInfo),
    encrypted: false,
    stampBox,
    komuSealed: readSealMetadata(doc) !== null,
  };
};
