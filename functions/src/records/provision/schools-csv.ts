/**
 * The school list for `npm run provision -- --schools <csv>`, in the 校務支援 export shape the
 * seed uses (infra/local/src/tenant/seed/data/schools.csv): 学校コード,学校名,略称,種別[,…].
 * UTF-8 (optional BOM), RFC 4180 quoting. 種別: 小学校 / 中学校 / 教育委員会.
 */
import { KomuError, SCHOOL_ID_PATTERN, type SchoolKind } from "@komu/shared";
import type { SchoolToProvision } from "./provision-school.js";

const KINDS: Record<string, SchoolKind> = { 小学校: "elementary", 中学校: "juniorHigh", 教育委員会: "board" };
const REQUIRED = ["学校コード", "学校名", "略称", "種別"];

function rows(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f.trim() !== "")) out.push(row);
      row = [];
    } else field += ch;
  }
  if (quoted) throw new KomuError("VALIDATION_FAILED", { details: { reason: "CSV: unterminated quoted field" } });
  row.push(field);
  if (row.some((f) => f.trim() !== "")) out.push(row);
  return out;
}

export function parseSchoolsCsv(text: string): SchoolToProvision[] {
  const [header, ...data] = rows(text);
  const names = (header ?? []).map((h) => h.trim());
  const missing = REQUIRED.filter((r) => !names.includes(r));
  if (missing.length > 0)
    throw new KomuError("VALIDATION_FAILED", { details: { reason: `CSV: missing columns ${missing.join(", ")}` } });
  const at = (r: string[], name: string) => (r[names.indexOf(name)] ?? "").trim();
  return data.map((r, n) => {
    const line = n + 2;
    const schoolId = at(r, "学校コード");
    const kind = KINDS[at(r, "種別")];
    const abbreviation = at(r, "略称");
    const problem = !SCHOOL_ID_PATTERN.test(schoolId)
      ? `学校コード "${schoolId}" is not a school id`
      : !kind
        ? `種別 "${at(r, "種別")}" is not one of ${Object.keys(KINDS).join(", ")}`
        : !abbreviation || abbreviation.length > 12
          ? "略称 must be 1–12 characters"
          : undefined;
    if (problem) throw new KomuError("VALIDATION_FAILED", { details: { reason: `CSV line ${line}: ${problem}` } });
    return { schoolId, name: at(r, "学校名"), abbreviation, kind: kind as SchoolKind };
  });
}
