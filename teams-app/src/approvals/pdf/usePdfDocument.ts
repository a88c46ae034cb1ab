import type { PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useState } from "react";
import { pdfDataOptions } from "./pdf-data.js";
import { loadPdfJs } from "./pdfjs.js";

export type PdfState =
  | { status: "loading" }
  | { status: "ok"; doc: PDFDocumentProxy; firstPageWidth: number }
  | { status: "error"; reason: "password" | "invalid" | "other" };

/** Open PDF bytes with pdf.js (in its worker); the document is destroyed when the bytes change or the view goes. */
export function usePdfDocument(data: Blob | ArrayBuffer | null): PdfState {
  const [state, setState] = useState<PdfState>({ status: "loading" });
  useEffect(() => {
    if (!data) return;
    let live = true;
    let destroy: (() => void) | null = null;
    setState({ status: "loading" });
    (async () => {
      const pdfjs = await loadPdfJs();
      const bytes = new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data.slice(0));
      const task = pdfjs.getDocument({ data: bytes, enableXfa: false, ...pdfDataOptions() });
      destroy = () => void task.destroy();
      if (!live) return destroy();
      const doc = await task.promise;
      const first = await doc.getPage(1);
      const width = first.getViewport({ scale: 1 }).width;
      if (live) setState({ status: "ok", doc, firstPageWidth: width });
    })().catch((e: unknown) => {
      if (!live) return;
      const name = e instanceof Error ? e.name : "";
      setState({
        status: "error",
        reason: name === "PasswordException" ? "password" : name === "InvalidPDFException" ? "invalid" : "other",
      });
    });
    return () => {
      live = false;
      destroy?.();
    };
  }, [data]);
  return state;
}
