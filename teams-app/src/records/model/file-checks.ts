import {
  ACCEPTED_EXTENSIONS,
  ERROR_CODES,
  extensionOf,
  type LocalizedText,
  MAX_RECORD_FILE_BYTES,
  NAME_PROBLEM_TEXT,
  sharePointNameProblem,
} from "@komu/shared";

export interface FileProblem {
  code: "FILE_EMPTY" | "FILE_TOO_LARGE" | "FILE_NAME_INVALID" | "FILE_TYPE_NOT_ALLOWED";
  message: LocalizedText;
}

const text = (code: FileProblem["code"]): LocalizedText => ({ ja: ERROR_CODES[code].ja, en: ERROR_CODES[code].en });

/**
 * The checks the server makes that the browser can make first (same messages): size, a name
 * SharePoint accepts, an accepted extension. The content itself is checked by the server.
 */
export function fileProblem(
  file: { name: string; size: number },
  maxBytes = MAX_RECORD_FILE_BYTES,
): FileProblem | null {
  const nameProblem = sharePointNameProblem(file.name);
  if (nameProblem) {
    const detail = NAME_PROBLEM_TEXT[nameProblem];
    const base = text("FILE_NAME_INVALID");
    return { code: "FILE_NAME_INVALID", message: { ja: `${base.ja}${detail.ja}`, en: `${base.en} ${detail.en}` } };
  }
  if (!ACCEPTED_EXTENSIONS.includes(extensionOf(file.name))) {
    return { code: "FILE_TYPE_NOT_ALLOWED", message: text("FILE_TYPE_NOT_ALLOWED") };
  }
  if (file.size === 0) return { code: "FILE_EMPTY", message: text("FILE_EMPTY") };
  if (file.size > maxBytes) return { code: "FILE_TOO_LARGE", message: text("FILE_TOO_LARGE") };
  return null;
}

/** The `accept` attribute of file inputs: the accepted extensions. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(",");

/** A record's default title: the file name without its extension. */
export function titleFromFileName(name: string): string {
  const ext = extensionOf(name);
  const base = ext ? name.slice(0, name.length - ext.length - 1) : name;
  const title = base.trim() || name.trim();
  return title.slice(0, 200);
}

/** 1.2 MB, 350 KB, 12 B (base 1024; the server's limit text says "100 MB" for 100 MiB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
