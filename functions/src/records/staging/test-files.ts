/** Small real files for tests: each is what its name says, built in memory (no fixtures on disk). */
import JSZip from "jszip";

export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/** A PDF of `size` bytes (padding in a comment), for large-file tests. */
export function pdfOfSize(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  out.set(PDF_BYTES.subarray(0, 9)); // "%PDF-1.4\n"
  let x = seed;
  for (let i = 9; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = 32 + ((x >>> 16) % 90);
  }
  return out;
}

/** The start of a Windows executable (MZ header with a PE signature). */
export function exeBytes(): Uint8Array {
  const b = new Uint8Array(512);
  b.set([0x4d, 0x5a], 0);
  b.set([0x80, 0, 0, 0], 0x3c);
  b.set([0x50, 0x45, 0, 0], 0x80);
  return b;
}

export async function zipBytes(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("readme.txt", "not an office document");
  return zip.generateAsync({ type: "uint8array" });
}

export async function docxBytes(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
  );
  zip.file(
    "word/document.xml",
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
  );
  return zip.generateAsync({ type: "uint8array" });
}

export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
  0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);
