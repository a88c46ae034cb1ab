/**
 * The sealed-PDF module's public API, for the approval engine (called at 決裁) and the
 * verification route. One use case per file:
 * - inspectPdf(bytes, roles?): page count, sizes/rotation, 押印欄; refuses encrypted, broken, too large
 * - imagesToPdf(images): PNG/JPEG → one A4 page each, orientation kept
 * - sealPdf(input): imprints (印影) in the 押印欄 or a stamp band, then the 決裁証明 page, metadata
 * - verifyPdf(bytes, lookup): which Kōmu document it is, and whether it was altered
 * - newVerificationCode(): the code printed on the certificate
 * - recordSeal / sealLookup: the sealed file's hash per approval (call recordSeal right after sealPdf)
 * - signingKeyFromEnv(): the organisation certificate for sealPdf({ signing }) (CMS, not PAdES B-B)
 * See README.md beside this file.
 */
export { imagesToPdf } from "./images-to-pdf.js";
export { inspectPdf } from "./inspect-pdf.js";
export { sealPdf, sha256Hex } from "./seal-pdf.js";
export { recordSeal, sealLookup } from "./seal-registry.js";
export { signingKeyFromEnv } from "./sign-pdf.js";
export * from "./types.js";
export { newVerificationCode, VERIFICATION_CODE } from "./verification-code.js";
export { verifyPdf } from "./verify-pdf.js";
