import { defaultFilePlan, fileableCategories, MAX_RECORD_FILE_BYTES } from "@komu/shared";
import { describe, expect, it } from "vitest";
import type { Me } from "../../api/resources.js";
import { principalFromMe, recordsAbilities, recordsSchoolIds } from "./access.js";
import { categoryLabel, categoryTree, fileableGroups } from "./category-tree.js";
import { allowedClassifications, keepOrRaise } from "./classification.js";
import { fileProblem, formatBytes, titleFromFileName } from "./file-checks.js";
import { fiscalYearLabel, fiscalYearOptions } from "./fiscal-years.js";
import { queryString } from "./query.js";
import { dateText, retentionUntilText } from "./retention-text.js";

const plan = defaultFilePlan("elementary");

describe("年度 selector", () => {
  it("starts at the current 年度 on the Tokyo calendar and offers no future 年度", () => {
    // 31 March 2027 20:00 UTC is already 1 April in Tokyo: 2027年度
    expect(fiscalYearOptions(new Date("2027-03-31T20:00:00Z"), 2)).toEqual([2027, 2026, 2025]);
    expect(fiscalYearOptions(new Date("2026-11-25T06:00:00Z"), 1)).toEqual([2026, 2025]);
  });

  it("shows both the western and the era name", () => {
    expect(fiscalYearLabel(2026, "ja")).toBe("2026年度（令和8年度）");
    expect(fiscalYearLabel(2019, "en")).toBe("FY2019 (令和元年度)");
  });
});

describe("file plan in the tab", () => {
  it("builds the tree with every category once, children under their parent in code order", () => {
    const tree = categoryTree(plan);
    const flat: string[] = [];
    const walk = (nodes: ReturnType<typeof categoryTree>, depth: number) => {
      for (const n of nodes) {
        flat.push(`${depth}:${n.category.code}`);
        walk(n.children, depth + 1);
      }
    };
    walk(tree, 0);
    expect(flat).toHaveLength(plan.categories.length);
    expect(flat[0]).toBe("0:A");
    expect(flat[1]).toBe("1:A-01");
    expect(tree.every((n) => n.category.parentCode === null)).toBe(true);
  });

  it("offers only fileable categories in pickers, grouped under their top-level group", () => {
    const groups = fileableGroups(plan);
    const offered = groups.flatMap((g) => g.options.map((o) => o.code)).sort();
    expect(offered).toEqual(
      fileableCategories(plan)
        .map((c) => c.code)
        .sort(),
    );
    expect(groups[0]?.group?.code).toBe("A");
    const retired = {
      categories: [
        { ...plan.categories[0], code: "Z", parentCode: null },
        { ...plan.categories[1], code: "Z-01", parentCode: "Z", retired: true },
        { ...plan.categories[1], code: "Z-02", parentCode: "Z", retired: false },
      ],
    } as unknown as typeof plan;
    expect(fileableGroups(retired).flatMap((g) => g.options.map((o) => o.code))).toEqual(["Z-02"]);
  });

  it("labels categories in the UI language", () => {
    expect(categoryLabel({ code: "A-03", name: "出席簿", nameEn: "Attendance registers" }, "ja")).toBe("A-03 出席簿");
    expect(categoryLabel({ code: "A-03", name: "出席簿", nameEn: "Attendance registers" }, "en")).toBe(
      "A-03 Attendance registers",
    );
    expect(categoryLabel({ code: "A-03", name: "出席簿" }, "en")).toBe("A-03 出席簿");
  });
});

describe("重要性分類 choices", () => {
  it("never go below the category's default", () => {
    expect(allowedClassifications("III")).toEqual(["I", "II", "III"]);
    expect(allowedClassifications("I")).toEqual(["I"]);
    expect(allowedClassifications("IV")).toEqual(["I", "II", "III", "IV"]);
  });

  it("keep a higher choice when the category changes, raise a lower one", () => {
    expect(keepOrRaise("I", "III")).toBe("I");
    expect(keepOrRaise("IV", "II")).toBe("II");
    expect(keepOrRaise(undefined, "III")).toBe("III");
  });
});

describe("file pre-checks (the server's messages, before any byte is sent)", () => {
  it("accepts a normal PDF", () => {
    expect(fileProblem({ name: "収受文書.pdf", size: 1000 })).toBeNull();
  });

  it.each([
    [{ name: "a/b.pdf", size: 10 }, "FILE_NAME_INVALID", "ファイル名に / や \\ は使えません。"],
    [{ name: "what?.pdf", size: 10 }, "FILE_NAME_INVALID", "は使えません。"],
    [{ name: "CON.pdf", size: 10 }, "FILE_NAME_INVALID", "CON"],
    [{ name: "setup.exe", size: 10 }, "FILE_TYPE_NOT_ALLOWED", "この種類のファイルは登録できません"],
    [{ name: "noext", size: 10 }, "FILE_TYPE_NOT_ALLOWED", "この種類のファイルは登録できません"],
    [{ name: "empty.pdf", size: 0 }, "FILE_EMPTY", "ファイルが空です。"],
    [{ name: "big.pdf", size: MAX_RECORD_FILE_BYTES + 1 }, "FILE_TOO_LARGE", "上限 100 MB"],
  ])("%o → %s", (file, code, ja) => {
    const problem = fileProblem(file);
    expect(problem?.code).toBe(code);
    expect(problem?.message.ja).toContain(ja);
    expect(problem?.message.en).not.toBe("");
  });

  it("accepts exactly the limit", () => {
    expect(fileProblem({ name: "big.PDF", size: MAX_RECORD_FILE_BYTES })).toBeNull();
  });

  it("derives titles and sizes", () => {
    expect(titleFromFileName("令和8年度 学校だより4月号.pdf")).toBe("令和8年度 学校だより4月号");
    expect(titleFromFileName("archive.tar.pdf")).toBe("archive.tar");
    expect(titleFromFileName(".pdf")).toBe(".pdf");
    expect(titleFromFileName(`${"長".repeat(250)}.pdf`)).toHaveLength(200);
    expect([
      formatBytes(12),
      formatBytes(2048),
      formatBytes(50 * 1024),
      formatBytes(3 * 1024 * 1024),
      formatBytes(MAX_RECORD_FILE_BYTES),
    ]).toEqual(["12 B", "2.0 KB", "50 KB", "3.0 MB", "100 MB"]);
  });
});

describe("保存期限 text", () => {
  it("shows dates, 永年 and pending event retention", () => {
    expect(retentionUntilText("2032-03-31", "ja")).toBe("2032年3月31日");
    expect(retentionUntilText("2032-03-31", "en")).toBe("Mar 31, 2032");
    expect(retentionUntilText("permanent", "ja")).toBe("永年");
    expect(retentionUntilText("pending", "ja")).toContain("未確定");
    expect(dateText("2026-04-01", "ja")).toBe("2026年4月1日");
  });
});

describe("query strings", () => {
  it("keep only set values, encoded", () => {
    expect(queryString({ fiscalYear: 2026, q: " 遠足 ", number: "", person: undefined, cursor: null })).toBe(
      `?fiscalYear=2026&q=${encodeURIComponent("遠足")}`,
    );
    expect(queryString({ a: undefined })).toBe("");
  });
});

describe("what the tab offers whom (the server decides again)", () => {
  const me = (roles: Me["roles"], schoolRoles: Me["roles"], staff = true): Me => ({
    oid: "u1",
    tenantId: "t",
    name: "n",
    upn: "u@x",
    kind: staff ? "staff" : "student",
    roles,
    schools: [{ id: "aoba-e", name: "青葉小学校", roles: schoolRoles, staff }],
  });

  it("clerks register and propose disposal but do not approve it", () => {
    const a = recordsAbilities(principalFromMe(me(["clerk"], ["clerk"])), "aoba-e");
    expect(a).toEqual({
      read: true,
      file: true,
      registerRead: true,
      registerWrite: true,
      disposalPropose: true,
      disposalApprove: false,
    });
  });

  it("teachers read, file and see registers; the principal approves disposal", () => {
    const teacher = recordsAbilities(principalFromMe(me(["teacher"], ["teacher"])), "aoba-e");
    expect([teacher.read, teacher.file, teacher.registerRead, teacher.registerWrite, teacher.disposalPropose]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(recordsAbilities(principalFromMe(me(["principal"], ["principal"])), "aoba-e").disposalApprove).toBe(true);
  });

  it("students get nothing, and another school nothing", () => {
    const student = principalFromMe(me(["student"], ["student"], false));
    expect(Object.values(recordsAbilities(student, "aoba-e")).some(Boolean)).toBe(false);
    expect(recordsSchoolIds(student).own).toEqual([]);
    const clerk = principalFromMe(me(["clerk"], ["clerk"]));
    expect(Object.values(recordsAbilities(clerk, "higashi-e")).some(Boolean)).toBe(false);
    expect(recordsSchoolIds(clerk)).toEqual({ own: ["aoba-e"], townWide: false });
  });
});
