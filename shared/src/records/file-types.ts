/**
 * The file types the records library accepts, by what the bytes are (functions/ sniffs the
 * content) and the extensions each may carry. A file whose content is not what its extension
 * says is refused (a disguised file), and so is anything not listed (executables, scripts …).
 */
export const FILE_TYPES = {
  pdf: { mime: "application/pdf", extensions: ["pdf"], label: "PDF" },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    label: "Word",
  },
  xlsx: {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    label: "Excel",
  },
  pptx: {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
    label: "PowerPoint",
  },
  /** Legacy Office (OLE compound file): .doc, .xls, .ppt share one signature. */
  cfb: { mime: "application/x-cfb", extensions: ["doc", "xls", "ppt"], label: "Office (97-2003)" },
  png: { mime: "image/png", extensions: ["png"], label: "PNG" },
  jpg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"], label: "JPEG" },
  tif: { mime: "image/tiff", extensions: ["tif", "tiff"], label: "TIFF" },
  text: { mime: "text/plain", extensions: ["txt", "csv"], label: "テキスト" },
} as const;

export type FileTypeId = keyof typeof FILE_TYPES;

export const ACCEPTED_EXTENSIONS: string[] = Object.values(FILE_TYPES).flatMap((t) => [...t.extensions]);

/** Does the detected content type fit the file's extension? */
export function extensionMatches(type: FileTypeId, extension: string): boolean {
  return (FILE_TYPES[type].extensions as readonly string[]).includes(extension.toLowerCase());
}

/** The MIME type for a file of this type and extension (legacy Office by extension). */
export function mimeTypeFor(type: FileTypeId, extension: string): string {
  if (type !== "cfb") return FILE_TYPES[type].mime;
  const ext = extension.toLowerCase();
  if (ext === "doc") return "application/msword";
  if (ext === "xls") return "application/vnd.ms-excel";
  return "application/vnd.ms-powerpoint";
}

/** Default largest file a record may have (bytes). Files above 10 MiB go to SharePoint in an upload session. */
export const MAX_RECORD_FILE_BYTES = 100 * 1024 * 1024;
export const UPLOAD_SESSION_THRESHOLD = 10 * 1024 * 1024;
