import { describe, expect, it } from "vitest";
import { RegisterEntryInput } from "./api.js";
import { defaultFilePlan } from "./default-file-plans.js";
import { extensionOf, sharePointNameProblem } from "./file-names.js";
import { categoryPath, FilePlan, fileableCategories, findCategory, recordFolderPath } from "./file-plan.js";
import { extensionMatches, mimeTypeFor } from "./file-types.js";
import { formatRecordNumber, NumberFormat } from "./numbering.js";
import {
  dueForDisposal,
  retentionEnd,
  retentionExpired,
  retentionLabelText,
  retentionUntilValue,
} from "./retention.js";

describe("default file plans", () => {
  for (const kind of ["elementary", "juniorHigh"] as const) {
    it(`${kind}: valid, and the legal periods are kept`, () => {
      const plan = defaultFilePlan(kind);
      expect(FilePlan.safeParse(plan).success).toBe(true);
      const byName = (name: string) => plan.categories.find((c) => c.name === name);
      expect(byName("指導要録（学籍に関する記録）")).toMatchObject({ retention: "20", trigger: "graduation" });
      expect(byName("指導要録（指導に関する記録）")).toMatchObject({ retention: "5", trigger: "closed" });
      expect(byName("出席簿")).toMatchObject({ retention: "5" });
      expect(byName("健康診断票")).toMatchObject({ retention: "5", topic: "health", classification: "II" });
      // Every fileable category can be a SharePoint folder name.
      for (const c of fileableCategories(plan))
        expect(sharePointNameProblem(recordFolderPath(2026, c).split("/")[1] ?? "")).toBeUndefined();
    });
  }

  it("junior high adds career guidance; elementary does not", () => {
    expect(findCategory(defaultFilePlan("juniorHigh"), "A-07")?.name).toBe("進路指導・調査書");
    expect(findCategory(defaultFilePlan("elementary"), "A-07")).toBeUndefined();
  });

  it("group headings are not fileable; leaves are, unless retired", () => {
    const plan = defaultFilePlan("elementary");
    const codes = fileableCategories(plan).map((c) => c.code);
    expect(codes).not.toContain("A");
    expect(codes).toContain("A-03");
    const retired = {
      ...plan,
      categories: plan.categories.map((c) => (c.code === "A-03" ? { ...c, retired: true } : c)),
    };
    expect(fileableCategories(retired).map((c) => c.code)).not.toContain("A-03");
    expect(categoryPath(plan, "A-03").map((c) => c.code)).toEqual(["A", "A-03"]);
  });

  it("refuses duplicate codes, unknown parents, cycles and unsafe names", () => {
    const base = defaultFilePlan("elementary");
    const leaf = findCategory(base, "A-03");
    if (!leaf) throw new Error("A-03 missing from the default plan");
    const dup = { ...base, categories: [...base.categories, { ...leaf }] };
    expect(FilePlan.safeParse(dup).success).toBe(false);
    const orphan = {
      ...base,
      categories: [...base.categories, { ...leaf, code: "Z-01", parentCode: "Z" }],
    };
    expect(FilePlan.safeParse(orphan).success).toBe(false);
    const cycle = {
      ...base,
      categories: [
        { ...leaf, code: "X-01", parentCode: "X-02" },
        { ...leaf, code: "X-02", parentCode: "X-01" },
      ],
    };
    expect(FilePlan.safeParse(cycle).success).toBe(false);
    const unsafe = {
      ...base,
      categories: [...base.categories, { ...leaf, code: "A-99", name: "出席簿/旧" }],
    };
    expect(FilePlan.safeParse(unsafe).success).toBe(false);
  });
});

describe("保存期限", () => {
  it("counts from the 年度 after the file is closed, ending 31 March", () => {
    expect(retentionEnd({ fiscalYear: 2025, period: "5", trigger: "closed" })).toEqual({
      kind: "date",
      until: "2031-03-31",
      lastFiscalYear: 2030,
    });
    expect(retentionEnd({ fiscalYear: 2026, period: "1", trigger: "closed" })).toMatchObject({ until: "2028-03-31" });
    expect(retentionEnd({ fiscalYear: 2026, period: "permanent", trigger: "closed" })).toEqual({ kind: "permanent" });
  });

  it("学籍: 20 years from the 年度 after graduation; pending until the date is known", () => {
    expect(retentionEnd({ fiscalYear: 2020, period: "20", trigger: "graduation" })).toEqual({ kind: "pendingEvent" });
    // Graduation on 2027-03-18 is in 年度 2026 → kept 2027–2046, until 2047-03-31.
    expect(retentionEnd({ fiscalYear: 2020, period: "20", trigger: "graduation", eventDate: "2027-03-18" })).toEqual({
      kind: "date",
      until: "2047-03-31",
      lastFiscalYear: 2046,
    });
    // A transfer on 1 April belongs to the new 年度.
    expect(
      retentionEnd({ fiscalYear: 2020, period: "20", trigger: "graduation", eventDate: "2027-04-01" }),
    ).toMatchObject({
      until: "2048-03-31",
    });
  });

  it("due in the review of its last 年度; deletable only once the last day has passed in JST", () => {
    const end = retentionEnd({ fiscalYear: 2025, period: "5", trigger: "closed" });
    expect(dueForDisposal(end, 2029)).toBe(false);
    expect(dueForDisposal(end, 2030)).toBe(true);
    expect(retentionExpired(end, new Date("2031-03-31T14:59:59Z"))).toBe(false); // 23:59:59 JST on the last day
    expect(retentionExpired(end, new Date("2031-03-31T15:00:00Z"))).toBe(true); // 1 April 00:00 JST
    expect(dueForDisposal({ kind: "permanent" }, 9999)).toBe(false);
    expect(retentionUntilValue({ kind: "pendingEvent" })).toBe("pending");
    expect([retentionLabelText("1", "en"), retentionLabelText("5", "en"), retentionLabelText("permanent")]).toEqual([
      "1 year",
      "5 years",
      "永年",
    ]);
  });
});

describe("file names (what SharePoint refuses)", () => {
  it.each([
    ["", "empty"],
    ["a/b.pdf", "pathSeparator"],
    ["a\\b.pdf", "pathSeparator"],
    ["会議:資料.pdf", "forbiddenCharacter"],
    ["what?.pdf", "forbiddenCharacter"],
    [" lead.pdf", "edgeSpace"],
    ["dot.", "trailingDot"],
    ["~$draft.docx", "reservedPrefix"],
    ["CON.pdf", "reservedName"],
    ["x_vti_y.pdf", "vti"],
    ["tab\there.pdf", "controlCharacter"],
    [`${"あ".repeat(256)}.pdf`, "tooLong"],
  ])("%j → %s", (name, problem) => {
    expect(sharePointNameProblem(name)).toBe(problem);
  });

  it("accepts ordinary Japanese names, # and %", () => {
    expect(sharePointNameProblem("令和8年度 学校評価 #2 (100%).pdf")).toBeUndefined();
    expect(extensionOf("報告書.PDF")).toBe("pdf");
    expect(extensionOf("README")).toBe("");
  });

  it("matches content types to extensions", () => {
    expect(extensionMatches("pdf", "PDF")).toBe(true);
    expect(extensionMatches("docx", "pdf")).toBe(false);
    expect(mimeTypeFor("cfb", "xls")).toBe("application/vnd.ms-excel");
  });
});

describe("文書番号", () => {
  it("formats with the school's pattern", () => {
    expect(formatRecordNumber("{略称}第{番号}号", { abbreviation: "上小", serial: 12, fiscalYear: 2026 })).toBe(
      "上小第12号",
    );
    expect(
      formatRecordNumber("{和暦年度}年度{略称}受第{番号}号", { abbreviation: "青小", serial: 3, fiscalYear: 2026 }),
    ).toBe("令和8年度青小受第3号");
    expect(formatRecordNumber("{年度}-{番号}", { abbreviation: "x", serial: 1, fiscalYear: 2019 })).toBe("2019-1");
    expect(formatRecordNumber("{和暦年度}", { abbreviation: "x", serial: 1, fiscalYear: 2019 })).toBe("令和元");
  });

  it("refuses formats without a serial, unknown placeholders, or forbidden characters", () => {
    expect(NumberFormat.safeParse("{略称}第号").success).toBe(false);
    expect(NumberFormat.safeParse("{school}第{番号}号").success).toBe(false);
    expect(NumberFormat.safeParse("{略称}/{番号}").success).toBe(false);
    expect(NumberFormat.safeParse("{略称}第{番号}号").success).toBe(true);
  });
});

describe("RegisterEntryInput", () => {
  const line = { title: "通知", counterpart: "青葉町教育委員会", categoryCode: "G-03" };
  it("takes a date from the first 年度 Kōmu lists (1989) on, not before (its line could never be listed)", () => {
    expect(RegisterEntryInput.safeParse({ ...line, date: "1989-04-01" }).success).toBe(true);
    expect(RegisterEntryInput.safeParse({ ...line }).success).toBe(true);
    for (const date of ["1989-03-31", "1900-01-01", "0001-04-01"]) {
      const r = RegisterEntryInput.safeParse({ ...line, date });
      expect(r.success, date).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["date"]);
    }
  });
});
