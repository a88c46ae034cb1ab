/**
 * 文書分類表 (file plan): a tree of categories, each with its default 保存期間 (retention), how the
 * period is counted (from the close of the file's 年度, or from a student's graduation/transfer),
 * and its default 重要性分類. One plan per school, admin-editable; the defaults for 小学校 and 中学校
 * are in default-file-plans.ts.
 */
import { z } from "zod";
import { Classification } from "../access/capabilities.js";
import { sharePointNameProblem } from "./file-names.js";

/** 保存期間 in years, or 永年 (permanent). Municipal rules use 1, 3, 5, 10, 20, 30 years and 永年. */
export const RETENTION_PERIODS = ["1", "3", "5", "10", "20", "30", "permanent"] as const;
export const RetentionPeriod = z.enum(RETENTION_PERIODS);
export type RetentionPeriod = z.infer<typeof RetentionPeriod>;

/**
 * When the retention clock starts: "closed" — the 年度 after the file's 年度 is closed;
 * "graduation" — the 年度 after the student's graduation or transfer (指導要録 学籍の記録).
 */
export const RetentionTrigger = z.enum(["closed", "graduation"]);
export type RetentionTrigger = z.infer<typeof RetentionTrigger>;

export const SchoolKind = z.enum(["elementary", "juniorHigh", "board"]);
export type SchoolKind = z.infer<typeof SchoolKind>;

export const CategoryCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,3}(-[0-9]{2}){0,2}$/, "分類記号は A, A-01, A-01-02 の形式です / use A, A-01 or A-01-02");
export type CategoryCode = z.infer<typeof CategoryCode>;

export const FilePlanCategory = z.object({
  code: CategoryCode,
  /** null for a top-level group (大分類). */
  parentCode: CategoryCode.nullable(),
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(80).optional(),
  retention: RetentionPeriod,
  trigger: RetentionTrigger.default("closed"),
  classification: Classification,
  /** "health" lets the school nurse read class II records of this category. */
  topic: z.enum(["health"]).optional(),
  /** The law or rule behind the period (shown to staff). */
  basis: z.string().max(120).optional(),
  /** Retired categories stay for existing records but take no new ones. */
  retired: z.boolean().default(false),
});
export type FilePlanCategory = z.infer<typeof FilePlanCategory>;

export const MAX_CATEGORIES = 400;
export const MAX_DEPTH = 3;

export const FilePlan = z
  .object({
    schoolKind: SchoolKind,
    categories: z.array(FilePlanCategory).min(1).max(MAX_CATEGORIES),
  })
  .superRefine((plan, ctx) => {
    for (const problem of filePlanProblems(plan.categories)) ctx.addIssue({ code: "custom", ...problem });
  });
export type FilePlan = z.infer<typeof FilePlan>;
export type FilePlanInput = z.input<typeof FilePlan>;

interface Problem {
  message: string;
  path: (string | number)[];
}

/** Structural problems of a category list: duplicates, missing parents, cycles, depth, unsafe names. */
export function filePlanProblems(categories: readonly FilePlanCategory[]): Problem[] {
  const problems: Problem[] = [];
  const byCode = new Map<string, FilePlanCategory>();
  categories.forEach((c, i) => {
    if (byCode.has(c.code))
      problems.push({
        message: `分類記号 ${c.code} が重複しています / duplicate code ${c.code}`,
        path: ["categories", i, "code"],
      });
    byCode.set(c.code, c);
    const nameProblem = sharePointNameProblem(folderName(c));
    if (nameProblem)
      problems.push({
        message: `分類名「${c.name}」はフォルダー名に使えません / the name cannot be a folder name (${nameProblem})`,
        path: ["categories", i, "name"],
      });
  });
  categories.forEach((c, i) => {
    if (c.parentCode === null) return;
    if (!byCode.has(c.parentCode)) {
      problems.push({
        message: `上位分類 ${c.parentCode} がありません / unknown parent ${c.parentCode}`,
        path: ["categories", i, "parentCode"],
      });
      return;
    }
    let depth = 1;
    const seen = new Set([c.code]);
    let cursor: FilePlanCategory | undefined = c;
    while (cursor?.parentCode) {
      if (seen.has(cursor.parentCode)) {
        problems.push({
          message: `分類 ${c.code} の親子関係が循環しています / cycle at ${c.code}`,
          path: ["categories", i, "parentCode"],
        });
        return;
      }
      seen.add(cursor.parentCode);
      cursor = byCode.get(cursor.parentCode);
      depth++;
    }
    if (depth > MAX_DEPTH)
      problems.push({
        message: `分類の階層は ${MAX_DEPTH} 段までです / at most ${MAX_DEPTH} levels`,
        path: ["categories", i, "parentCode"],
      });
  });
  return problems;
}

/** The category's folder name inside a 年度 folder: "A-01 指導要録（学籍）". */
export function folderName(category: Pick<FilePlanCategory, "code" | "name">): string {
  return `${category.code} ${category.name}`;
}

/** The 年度 folder: "2026年度". */
export function fiscalYearFolder(fiscalYear: number): string {
  return `${fiscalYear}年度`;
}

/** Path of a record's folder below the library root: "2026年度/A-01 指導要録（学籍）". */
export function recordFolderPath(fiscalYear: number, category: Pick<FilePlanCategory, "code" | "name">): string {
  return `${fiscalYearFolder(fiscalYear)}/${folderName(category)}`;
}

export function findCategory(plan: Pick<FilePlan, "categories">, code: string): FilePlanCategory | undefined {
  return plan.categories.find((c) => c.code === code);
}

/** Categories a record may be filed under: not retired and without children (leaves). */
export function fileableCategories(plan: Pick<FilePlan, "categories">): FilePlanCategory[] {
  const parents = new Set(plan.categories.map((c) => c.parentCode).filter((c): c is string => c !== null));
  return plan.categories.filter((c) => !c.retired && !parents.has(c.code));
}

/** The category's path of names from the top: ["学籍・指導", "指導要録（学籍）"]. */
export function categoryPath(plan: Pick<FilePlan, "categories">, code: string): FilePlanCategory[] {
  const out: FilePlanCategory[] = [];
  let cursor = findCategory(plan, code);
  while (cursor && out.length <= MAX_DEPTH) {
    out.unshift(cursor);
    cursor = cursor.parentCode ? findCategory(plan, cursor.parentCode) : undefined;
  }
  return out;
}
