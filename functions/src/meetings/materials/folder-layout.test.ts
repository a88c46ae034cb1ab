import { describe, expect, it } from "vitest";
import { meetingFolderPath } from "../common.js";
import { isConfidential, materialFolderPath, SUBFOLDER_NAMES, sharedSubfolders, subfolderOf } from "./folder-layout.js";

describe("meeting folder layout", () => {
  it("puts class I in 機密, class II in 取扱注意 and class III/IV in 資料, all below the meeting folder", () => {
    const folder = "会議資料/2026年度/2026-12-03 第8回 職員会議";
    expect(materialFolderPath(folder, "I")).toBe(`${folder}/機密`);
    expect(materialFolderPath(folder, "II")).toBe(`${folder}/取扱注意`);
    expect(materialFolderPath(folder, "III")).toBe(`${folder}/資料`);
    expect(materialFolderPath(folder, "IV")).toBe(`${folder}/資料`);
    expect(subfolderOf("II")).toBe("confidential");
    expect([isConfidential("I"), isConfidential("II"), isConfidential("III")]).toEqual([true, true, false]);
  });

  it("shares 資料 and 取扱注意 (never the meeting folder or 機密); 取扱注意 no more once its sharing was removed", () => {
    expect(sharedSubfolders({ confidentialSharingRemovedAt: null }).map((s) => SUBFOLDER_NAMES[s])).toEqual([
      "資料",
      "取扱注意",
    ]);
    expect(sharedSubfolders({ confidentialSharingRemovedAt: "2026-12-20T00:00:00.000Z" })).toEqual(["materials"]);
  });

  it("names the meeting folder by 年度, JST date and a title SharePoint accepts", () => {
    // 23:30 UTC on 31 March is 1 April in Japan (a new 年度 starts, but fiscalYear comes from the row).
    expect(
      meetingFolderPath(
        { startsAt: "2027-03-31T23:30:00.000Z", title: ' 学年会: 3/31 "まとめ"? ', fiscalYear: 2027 },
        "mtabc",
      ),
    ).toBe("会議資料/2027年度/2027-04-01 学年会_ 3_31 _まとめ__");
    expect(meetingFolderPath({ startsAt: "2026-12-03T06:30:00.000Z", title: "...", fiscalYear: 2026 }, "mtabc")).toBe(
      "会議資料/2026年度/2026-12-03 mtabc",
    );
    // Ending in " ." (a trailing space once the dot goes), control characters, `_vti_`, a cut at 80.
    const path = (title: string) =>
      meetingFolderPath({ startsAt: "2026-12-03T06:30:00.000Z", title, fiscalYear: 2026 }, "mtabc");
    expect(path("会議 .")).toBe("会議資料/2026年度/2026-12-03 会議");
    expect(path("a\u0000b\u0007c _vti_d")).toBe("会議資料/2026年度/2026-12-03 a b c _vti-d");
    const long = path(`${"あ".repeat(79)} 𠮷`);
    expect(long.endsWith("あ")).toBe(true);
    expect(path(`${"あ".repeat(79)}𠮷x`).endsWith("𠮷")).toBe(true);
  });
});
