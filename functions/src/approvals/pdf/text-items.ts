/**
 * Text of a PDF page with positions, through pdf.js (the `pdfjs-dist` legacy build runs in
 * Node; loaded lazily so the app starts without it). Used to find a 押印欄 by its labels, and
 * by tests to read sealed PDFs the way a viewer does.
 */
export interface TextItem {
  str: string;
  /** Baseline start in user space, text direction (unit vector) and size along it. */
  x: number;
  y: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = (): Promise<PdfJs> => {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjs;
};

/** Text items of the given pages (1-based; all pages when omitted). */
export const pdfTextItems = async (bytes: Uint8Array, pages?: number[]): Promise<TextItem[][]> => {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const wanted = pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const out: TextItem[][] = [];
    for (const n of wanted) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!("str" in item) || !item.str.trim()) continue;
        const [a, b, , , e, f] = item.transform as number[];
        const len = Math.hypot(a ?? 1, b ?? 0) || 1;
        items.push({
          str: item.str,
          x: e ?? 0,
          y: f ?? 0,
          dx: (a ?? 1) / len,
          dy: (b ?? 0) / len,
          width: item.width,
          height: item.height,
        });
      }
      out.push(items);
      page.cleanup();
    }
    return out;
  } finally {
    await task.destroy();
  }
};

/** The whole text of each page, items joined by newlines (for tests and search). */
export const pdfPageTexts = async (bytes: Uint8Array): Promise<string[]> =>
  (await pdfTextItems(bytes)).map((items) => items.map((i) => i.str).join("\n"));
