/**
 * Reading a 校務支援 export: bytes → text (UTF-8 with or without BOM, UTF-16 with a BOM, else
 * Shift_JIS / Windows-31J, which many exports still use) → records (RFC 4180: quoted fields with
 * "" escaping, CRLF or LF), each with the 1-based row number a spreadsheet shows (header = row 1).
 */

export interface CsvTable {
  /** Header cells, trimmed. */
  header: string[];
  rows: CsvRow[];
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "shift_jis";
}

export interface CsvRow {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: string[];
}

/** Decodes an export. Shift_JIS is tried only when the bytes are not valid UTF-8. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvTable["encoding"] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  try {
    // The UTF-8 decoder drops a leading BOM itself (ignoreBOM: false).
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("shift_jis").decode(bytes), encoding: "shift_jis" };
  }
}

/** Splits CSV text into records; blank lines are skipped. Throws nothing: problems come back as data. */
export function splitCsv(text: string): { records: CsvRow[]; unterminatedAt: number | null } {
  const src = text.replace(/^\uFEFF/, "");
  const records: CsvRow[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let quoteStart = 0;
  let n = 0;
  const endRecord = () => {
    row.push(field);
    field = "";
    if (row.some((f) => f !== "")) {
      n += 1;
      records.push({ row: n, cells: row });
    }
    row = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteStart = n + 1;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
    } else field += ch;
  }
  if (quoted) return { records, unterminatedAt: quoteStart };
  endRecord();
  return { records, unterminatedAt: null };
}

/** Header + data rows of an export. */
export function readCsv(bytes: Uint8Array): CsvTable & { unterminatedAt: number | null } {
  const { text, encoding } = decodeCsv(bytes);
  const { records, unterminatedAt } = splitCsv(text);
  const [first, ...rows] = records;
  return { header: (first?.cells ?? []).map((h) => h.trim()), rows, encoding, unterminatedAt };
}
