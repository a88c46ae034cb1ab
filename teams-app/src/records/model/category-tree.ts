import { type FilePlan, type FilePlanCategory, fileableCategories } from "@komu/shared";
import type { Lang } from "../../i18n/language.js";

export interface CategoryNode {
  category: FilePlanCategory;
  children: CategoryNode[];
}

const byCode = (a: FilePlanCategory, b: FilePlanCategory) => a.code.localeCompare(b.code, "en");

/** The file plan as a tree, each level sorted by code (A, A-01, A-02 …, B …). */
export function categoryTree(plan: Pick<FilePlan, "categories">): CategoryNode[] {
  const children = new Map<string | null, FilePlanCategory[]>();
  for (const c of plan.categories) {
    const list = children.get(c.parentCode) ?? [];
    list.push(c);
    children.set(c.parentCode, list);
  }
  const build = (parent: string | null, depth: number): CategoryNode[] =>
    depth > 4
      ? []
      : (children.get(parent) ?? [])
          .sort(byCode)
          .map((category) => ({ category, children: build(category.code, depth + 1) }));
  return build(null, 1);
}

/** "A-01 指導要録（学籍に関する記録）" (English name when there is one and the UI is English). */
export function categoryLabel(category: Pick<FilePlanCategory, "code" | "name" | "nameEn">, lang: Lang): string {
  const name = lang === "en" && category.nameEn ? category.nameEn : category.name;
  return `${category.code} ${name}`;
}

export interface CategoryGroup {
  group: FilePlanCategory | null;
  options: FilePlanCategory[];
}

/** Fileable categories (leaves, not retired) grouped under their top-level group, for pickers. */
export function fileableGroups(plan: Pick<FilePlan, "categories">): CategoryGroup[] {
  const fileable = fileableCategories(plan).sort(byCode);
  const top = (c: FilePlanCategory): FilePlanCategory | null => {
    let cursor: FilePlanCategory | undefined = c;
    for (let i = 0; i < 4 && cursor?.parentCode; i++) {
      const parentCode: string = cursor.parentCode;
      cursor = plan.categories.find((p) => p.code === parentCode);
    }
    return cursor && cursor !== c ? cursor : null;
  };
  const groups = new Map<string, CategoryGroup>();
  for (const c of fileable) {
    const g = top(c);
    const key = g?.code ?? "";
    const entry = groups.get(key) ?? { group: g, options: [] };
    entry.options.push(c);
    groups.set(key, entry);
  }
  return [...groups.values()];
}
