/**
 * What a file really is, from its bytes (file-type's signatures, which also look inside OOXML
 * zips to tell docx/xlsx/pptx from a plain zip), checked against its extension. Text (txt, csv)
 * has no signature: it must be valid UTF-8 without NUL or other binary control characters.
 *   - allowed type whose extension fits → accepted (MIME from the shared table);
 *   - allowed type under another allowed extension (a PDF renamed .xlsx), a disallowed type under
 *     an allowed extension (an .exe or a zip renamed .pdf / .docx), or unrecognised bytes under
 *     an allowed extension → FILE_TYPE_MISMATCH (a disguised file);
 *   - anything else (executables, scripts, archives, unknown extensions) → FILE_TYPE_NOT_ALLOWED.
 */
import {
  ACCEPTED_EXTENSIONS,
  extensionMatches,
  extensionOf,
  FILE_TYPES,
  type FileTypeId,
  KomuError,
  mimeTypeFor,
} from "@komu/shared";
import { fileTypeFromBuffer } from "file-type";

const DETECTED: Record<string, FileTypeId> = {
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  cfb: "cfb",
  png: "png",
  jpg: "jpg",
  tif: "tif",
};

export interface SniffedType {
  type: FileTypeId;
  mimeType: string;
  extension: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: binary control characters are what text must not contain
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

/** Valid UTF-8 (BOM allowed) with no NUL or binary control characters. */
export function isUtf8Text(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !BINARY_CONTROL.test(text);
}

const allowedList = Object.values(FILE_TYPES)
  .flatMap((t) => t.extensions)
  .join(", ");

export async function sniffFileType(bytes: Uint8Array, fileName: string): Promise<SniffedType> {
  const extension = extensionOf(fileName);
  const accepted = ACCEPTED_EXTENSIONS.includes(extension);
  const detected = await fileTypeFromBuffer(bytes);
  const type: FileTypeId | undefined = detected
    ? DETECTED[detected.ext]
    : (extension === "txt" || extension === "csv") && isUtf8Text(bytes)
      ? "text"
      : undefined;
  const details = {
    extension: extension || null,
    detected: detected?.mime ?? (type === "text" ? "text/plain" : null),
    allowed: allowedList,
  };
  if (type && extensionMatches(type, extension))
    return {
      type,
      mimeType: type === "text" && extension === "csv" ? "text/csv" : mimeTypeFor(type, extension),
      extension,
    };
  if (accepted) throw new KomuError("FILE_TYPE_MISMATCH", { details });
  throw new KomuError("FILE_TYPE_NOT_ALLOWED", { details });
}
