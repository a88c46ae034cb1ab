import { KomuError } from "@komu/shared";
import { PDFDocument } from "pdf-lib";
import { PDF_LIMITS } from "./types.js";

const startsWithPdfHeader = (bytes: Uint8Array): boolean => {
  // The header may follow a little garbage (the spec allows it within the first 1024 bytes).
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
};

/**
 * Loads a PDF for inspection or sealing, refusing what Kōmu cannot seal faithfully:
 * PDF_TOO_LARGE above PDF_LIMITS, PDF_INVALID when it is not a PDF or pdf-lib cannot read
 * its pages, PDF_ENCRYPTED when it has an /Encrypt dictionary (even with an empty user
 * password: a sealed copy would silently drop its protection).
 */
export const loadPdf = async (bytes: Uint8Array, options: { updateMetadata?: boolean } = {}): Promise<PDFDocument> => {
  if (bytes.byteLength > PDF_LIMITS.maxBytes)
    throw new KomuError("PDF_TOO_LARGE", { details: { bytes: bytes.byteLength, maxBytes: PDF_LIMITS.maxBytes } });
  if (bytes.byteLength === 0) throw new KomuError("FILE_EMPTY");
  if (!startsWithPdfHeader(bytes)) throw new KomuError("PDF_INVALID", { details: { reason: "no %PDF- header" } });
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: options.updateMetadata ?? false,
      throwOnInvalidObject: false,
    });
  } catch (cause) {
    throw new KomuError("PDF_INVALID", { details: { reason: "unreadable" }, cause });
  }
  if (doc.isEncrypted) throw new KomuError("PDF_ENCRYPTED");
  let pageCount: number;
  try {
    pageCount = doc.getPageCount();
    // Touch every page's box: a damaged page tree fails here rather than half-way through sealing.
    for (const page of doc.getPages()) page.getMediaBox();
  } catch (cause) {
    throw new KomuError("PDF_INVALID", { details: { reason: "page tree" }, cause });
  }
  if (pageCount === 0) throw new KomuError("PDF_INVALID", { details: { reason: "no pages" } });
  if (pageCount > PDF_LIMITS.maxPages)
    throw new KomuError("PDF_TOO_LARGE", { details: { pages: pageCount, maxPages: PDF_LIMITS.maxPages } });
  return doc;
};
