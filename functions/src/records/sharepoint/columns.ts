/**
 * The records library's columns: ASCII internal names (stable in Graph URLs and filters) with
 * Japanese display names. Values are written by filing (`recordFields`) in one PATCH of
 * …/listItem/fields; Kōmu's Table index holds the same values for browsing without RU.
 */
import { RETENTION_PERIODS } from "@komu/shared";
import type { RecordData } from "../entities.js";

export interface ColumnDefinition {
  name: string;
  displayName: string;
  description: string;
  indexed?: boolean;
  text?: { maxLength?: number; allowMultipleLines?: boolean };
  number?: { decimalPlaces?: string; minimum?: number; maximum?: number };
  choice?: { choices: string[]; displayAs?: "dropDownMenu" };
}

export const RETENTION_CHOICES: Record<(typeof RETENTION_PERIODS)[number], string> = {
  "1": "1年",
  "3": "3年",
  "5": "5年",
  "10": "10年",
  "20": "20年",
  "30": "30年",
  permanent: "永年",
};

export const RECORD_COLUMNS: readonly ColumnDefinition[] = [
  { name: "KomuRecordId", displayName: "Kōmu 文書ID", description: "Kōmu の文書 ID", indexed: true, text: {} },
  {
    name: "KomuCategory",
    displayName: "文書分類",
    description: "文書分類表の分類（記号 名称）",
    indexed: true,
    text: {},
  },
  {
    name: "KomuFiscalYear",
    displayName: "年度",
    description: "文書の年度",
    indexed: true,
    number: { decimalPlaces: "none" },
  },
  {
    name: "KomuRetention",
    displayName: "保存期間",
    description: "保存期間",
    choice: { choices: RETENTION_PERIODS.map((p) => RETENTION_CHOICES[p]), displayAs: "dropDownMenu" },
  },
  {
    name: "KomuRetentionUntil",
    displayName: "保存期限",
    description: "保存期限（YYYY-MM-DD、永年、未確定）",
    indexed: true,
    text: {},
  },
  {
    name: "KomuClassification",
    displayName: "重要性分類",
    description: "情報セキュリティポリシーの重要性分類",
    choice: { choices: ["I", "II", "III", "IV"], displayAs: "dropDownMenu" },
  },
  { name: "KomuNumber", displayName: "文書番号", description: "文書番号または受付番号", indexed: true, text: {} },
  { name: "KomuAuthor", displayName: "作成者", description: "作成者", text: {} },
  { name: "KomuRelated", displayName: "関連", description: "関連する決裁・会議など（種類:ID）", text: {} },
  { name: "KomuSha256", displayName: "SHA-256", description: "登録時の内容のハッシュ", text: {} },
];

export const COLUMN_NAMES = RECORD_COLUMNS.map((c) => c.name);

/** The Graph columnDefinition body of a column. */
export function columnBody(c: ColumnDefinition): Record<string, unknown> {
  const { name, displayName, description, indexed, text, number, choice } = c;
  return {
    name,
    displayName,
    description,
    ...(indexed ? { indexed: true } : {}),
    ...(text ? { text } : {}),
    ...(number ? { number } : {}),
    ...(choice ? { choice } : {}),
  };
}

function retentionUntilText(until: string): string {
  if (until === "permanent") return "永年";
  if (until === "pending") return "未確定";
  return until;
}

/** The listItem fields of a record (Title + Kōmu's columns). */
export function recordFields(recordId: string, r: RecordData): Record<string, string | number> {
  return {
    Title: r.title,
    KomuRecordId: recordId,
    KomuCategory: `${r.categoryCode} ${r.categoryName}`,
    KomuFiscalYear: r.fiscalYear,
    KomuRetention: RETENTION_CHOICES[r.retention],
    KomuRetentionUntil: retentionUntilText(r.retentionUntil),
    KomuClassification: r.classification,
    KomuNumber: r.number?.text ?? "",
    KomuAuthor: r.authorName,
    KomuRelated: r.related ? `${r.related.kind}:${r.related.id}` : "",
    KomuSha256: r.sha256,
  };
}
