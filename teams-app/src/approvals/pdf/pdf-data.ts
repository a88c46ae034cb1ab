declare const __PDFJS_DATA__: string | undefined;

/** Where the build put pdf.js's data files (see vite.config.ts); "" when not built by Vite (tests). */
const BASE = typeof __PDFJS_DATA__ === "string" ? __PDFJS_DATA__ : "";

/** getDocument options that point pdf.js at its CMaps, standard fonts, decoders and ICC profiles. */
export function pdfDataOptions(): {
  cMapUrl?: string;
  cMapPacked?: boolean;
  standardFontDataUrl?: string;
  wasmUrl?: string;
  iccUrl?: string;
} {
  if (!BASE) return {};
  return {
    cMapUrl: `${BASE}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${BASE}standard_fonts/`,
    wasmUrl: `${BASE}wasm/`,
    iccUrl: `${BASE}iccs/`,
  };
}
