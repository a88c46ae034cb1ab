/**
 * 文書番号 / 受付番号 formats. A school writes its format with placeholders:
 *   {略称} school abbreviation (青小), {番号} the serial, {年度} 2026, {和暦年度} 令和8 (write 「{和暦年度}年度」 for 令和8年度)
 * Defaults: dispatch (発送) "{略称}第{番号}号" → 青小第12号; receipt (収受) "{略称}受第{番号}号".
 * Serials restart at 1 each 年度 (April).
 */
import { z } from "zod";
import { toWareki } from "../time/wareki.js";

export const RegisterKind = z.enum(["receipt", "dispatch"]);
export type RegisterKind = z.infer<typeof RegisterKind>;

export const REGISTER_KIND_LABELS: Record<RegisterKind, { ja: string; en: string }> = {
  receipt: { ja: "収受簿", en: "Receipt register" },
  dispatch: { ja: "発送簿", en: "Dispatch register" },
};

export const DEFAULT_NUMBER_FORMATS: Record<RegisterKind, string> = {
  receipt: "{略称}受第{番号}号",
  dispatch: "{略称}第{番号}号",
};

const PLACEHOLDERS = ["{略称}", "{番号}", "{年度}", "{和暦年度}"];

export const NumberFormat = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((f) => f.includes("{番号}"), "書式には {番号} が必要です / the format needs {番号}")
  .refine(
    (f) => (f.match(/\{[^}]*\}/g) ?? []).every((p) => PLACEHOLDERS.includes(p)),
    "使える差し込み項目は {略称} {番号} {年度} {和暦年度} です / allowed placeholders: {略称} {番号} {年度} {和暦年度}",
  )
  .refine(
    (f) => !/["*:<>?/\\|]/.test(f.replace(/\{[^}]*\}/g, "")),
    "書式に使えない文字があります / forbidden character",
  );

export function formatRecordNumber(
  format: string,
  values: { abbreviation: string; serial: number; fiscalYear: number },
): string {
  const era = toWareki(new Date(Date.UTC(values.fiscalYear, 5, 1)));
  return format
    .replaceAll("{略称}", values.abbreviation)
    .replaceAll("{番号}", String(values.serial))
    .replaceAll("{年度}", String(values.fiscalYear))
    .replaceAll("{和暦年度}", `${era.era.name}${era.year === 1 ? "元" : era.year}`);
}
