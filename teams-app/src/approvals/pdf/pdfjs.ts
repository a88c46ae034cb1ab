import type * as PdfJs from "pdfjs-dist";

export type PdfJsModule = typeof PdfJs;

let loading: Promise<PdfJsModule> | null = null;

/**
 * pdf.js, loaded on first use (its own chunks: the library and its worker, both bundled by Vite
 * and served from Kōmu's origin, never from a CDN).
 */
export function loadPdfJs(): Promise<PdfJsModule> {
  loading ??= Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?url")]).then(
    ([pdfjs, worker]) => {
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      return pdfjs;
    },
    (e: unknown) => {
      loading = null; // a failed chunk load (offline, new deployment) may be retried
      throw e;
    },
  );
  return loading;
}
