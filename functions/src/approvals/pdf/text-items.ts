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
/**
 * In Node pdf.js runs its worker in the main thread ("fake worker"). It would import
 * `./pdf.worker.mjs` relative to itself, which does not exist inside the Functions bundle; handing
 * it the worker module through `globalThis.pdfjsWorker` (pdf.js's documented hook) lets esbuild
 * bundle both.
 */
const loadPdfJs = (): Promise<PdfJs> => {
  pdfjs ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown; DOMMatrix?: unknown };
    // pdf.js builds one DOMMatrix when it loads (for rendering, which Kōmu never does on the
    // server). Node has none, and the optional native canvas it would borrow one from cannot be
    // bundled: a plain 2D affine matrix is enough for text extraction.
    g.DOMMatrix ??= class DOMMatrix {
      a = 1;
      b = 0;
      c = 0;
      d = 1;
      e = 0;
      f = 0;
      constructor(init?: number[]) {
        if (init?.length === 6)
          [this.a, this.b, this.c, this.d, this.e, this.f] = init as [number, number, number, number, number, number];
      }
    };
    // @ts-expect-error pdfjs-dist ships no types for the worker module
    g.pdfjsWorker ??= await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return pdfjs;
};

/** How long reading a page's text may take before Kōmu gives up on it (a hostile or huge page). */
export const TEXT_TIMEOUT_MS = 10_000;

type PdfDoc = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
export type PdfJsPage = Awaited<ReturnType<PdfDoc["getPage"]>>;

/**
 * Opens `bytes` with pdf.js, runs `use`, and always destroys the document. Rejects after
 * `timeoutMs` (destroying the document stops pdf.js); callers treat that as "nothing found".
 */
export const withPdf = async <T>(
  bytes: Uint8Array,
  timeoutMs: number,
  use: (doc: PdfDoc, pdfjs: PdfJs) => Promise<T>,
): Promise<T> => {
  const lib = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = lib.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`pdf.js took over ${timeoutMs} ms`));
      void task.destroy();
    }, timeoutMs);
  });
  try {
    return await Promise.race([task.promise.then((doc) => use(doc, lib)), timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }
};

/** Text items of the given pages (1-based; all pages when omitted), within `timeoutMs`. */
export const pdfTextItems = (bytes: Uint8Array, pages?: number[], timeoutMs = TEXT_TIMEOUT_MS): Promise<TextItem[][]> =>
  withPdf(bytes, timeoutMs, (doc) => read(doc, pages));

export const pageTextItems = async (page: PdfJsPage): Promise<TextItem[]> => {
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
  return items;
};

const read = async (doc: PdfDoc, pages: number[] | undefined): Promise<TextItem[][]> => {
  const wanted = pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
  const out: TextItem[][] = [];
  for (const n of wanted) {
    const page = await doc.getPage(n);
    out.push(await pageTextItems(page));
    page.cleanup();
  }
  return out;
};

/** The whole text of each page, items joined by newlines (for tests and search). */
export const pdfPageTexts = async (bytes: Uint8Array): Promise<string[]> =>
  (await pdfTextItems(bytes)).map((items) => items.map((i) => i.str).join("\n"));
