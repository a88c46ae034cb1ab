/**
 * The sealed-PDF module's public API, for the approval engine (called at 決裁) and the
 * verification route. Implementations land file by file (one use case per file):
 * - inspectPdf(bytes): page count, sizes/rotation, 押印欄; refuses encrypted, broken, too large
 * - imagesToPdf(images): PNG/JPEG → one A4 page each, orientation kept
 * - sealPdf(input): imprints (印影) in the 押印欄 or a stamp band, then the 決裁証明 page
 * - verifyPdf(bytes, lookup): which Kōmu document it is, and whether it was altered
 */
export * from "./types.js";
