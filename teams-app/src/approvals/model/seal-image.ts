/**
 * The client-side checks of a seal image (印影), the same as the server's (PUT …/approval-seal):
 * a PNG, 32–1000 px on each side, close to square (the longer side at most twice the shorter),
 * at most 512 KB. The server checks again; this only saves a useless upload.
 */

export const SEAL_MAX_BYTES = 512 * 1024;
export const SEAL_MIN_PX = 32;
export const SEAL_MAX_PX = 1000;

export type SealProblem = "type" | "tooLarge" | "empty" | "dimensions";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's first 24 bytes (signature and IHDR), or null when it is not a PNG. */
export function pngSize(head: Uint8Array): { width: number; height: number } | null {
  const ok =
    head.byteLength >= 24 &&
    PNG_SIGNATURE.every((b, i) => head[i] === b) &&
    String.fromCharCode(...head.slice(12, 16)) === "IHDR";
  if (!ok) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** What is wrong with a seal image (its size in bytes and its first 24 bytes), or null. */
export function sealImageProblem(size: number, head: Uint8Array): SealProblem | null {
  if (size === 0) return "empty";
  if (size > SEAL_MAX_BYTES) return "tooLarge";
  const dims = pngSize(head);
  if (!dims) return "type";
  const { width, height } = dims;
  if (
    width < SEAL_MIN_PX ||
    height < SEAL_MIN_PX ||
    width > SEAL_MAX_PX ||
    height > SEAL_MAX_PX ||
    Math.max(width, height) / Math.min(width, height) > 2
  )
    return "dimensions";
  return null;
}
