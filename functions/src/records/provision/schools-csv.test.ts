import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { parseSchoolsCsv } from "./schools-csv.js";

describe("parseSchoolsCsv", () => {
  it("reads the seed's schools.csv (校務支援 export shape)", () => {
    const path = fileURLToPath(new URL("../../../../infra/local/src/tenant/seed/data/schools.csv", import.meta.url));
    const schools = parseSchoolsCsv(readFileSync(path, "utf8"));
    expect(schools.map((s) => s.schoolId)).toEqual(["boe", "aoba-e", "higashi-e", "nishi-e", "aoba-j"]);
    expect(schools[1]).toEqual({ schoolId: "aoba-e", name: "青葉小学校", abbreviation: "青小", kind: "elementary" });
    expect(schools[4]?.kind).toBe("juniorHigh");
    expect(schools[0]?.kind).toBe("board");
  });

  it("accepts a BOM, CRLF and quotes; names the bad line", () => {
    const ok = '\uFEFF学校コード,学校名,略称,種別\r\nkita-e,"北小学校, 分校",北小,小学校\r\n';
    expect(parseSchoolsCsv(ok)).toEqual([
      { schoolId: "kita-e", name: "北小学校, 分校", abbreviation: "北小", kind: "elementary" },
    ]);
    expect(() => parseSchoolsCsv("学校コード,学校名,略称,種別\nKita E,北小,北小,小学校\n")).toThrow(KomuError);
    try {
      parseSchoolsCsv("学校コード,学校名,略称,種別\nkita-e,北小,北小,高校\n");
    } catch (e) {
      expect(JSON.stringify((e as { details: unknown }).details)).toMatch(/line 2.*種別/);
    }
    expect(() => parseSchoolsCsv("code,name\n")).toThrow();
  });
});
