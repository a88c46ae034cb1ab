import { isKomuError, type Question } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { ensureSameQuestions, formsColumns } from "./columns.js";
import { normaliseName } from "./match.js";
import { answersOf, deriveQuestions, withNewChoices } from "./questions.js";
import { completionTime } from "./sync-forms.js";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return isKomuError(e) ? { code: e.code, details: e.details } : e;
  }
  return undefined;
};

describe("Forms columns", () => {
  it("reads Japanese and English headers; quiz columns are not questions", () => {
    const ja = formsColumns([
      "ID",
      "開始時刻",
      "完了時刻",
      "メール",
      "名前",
      "最終変更時刻",
      "出欠",
      "ポイント - 出欠",
    ]);
    expect(ja).toMatchObject({ id: 0, completion: 2, email: 3, name: 4, questions: [{ header: "出欠", index: 6 }] });
    const en = formsColumns(["ID", "Start time", "Completion time", "Email", "Name", "Q1", "Total points"]);
    expect(en.questions.map((q) => q.header)).toEqual(["Q1"]);
  });

  it("refuses missing ID/Email/Name or no question, and question columns that changed", () => {
    expect(code(() => formsColumns(["ID", "開始時刻", "名前", "出欠"]))).toMatchObject({
      code: "FORMS_WORKBOOK_COLUMNS",
      details: { missing: ["メール"] },
    });
    expect(code(() => formsColumns(["ID", "メール", "名前"]))).toMatchObject({ code: "FORMS_WORKBOOK_COLUMNS" });
    const cols = formsColumns(["ID", "メール", "名前", "出欠", "意見"]);
    expect(code(() => ensureSameQuestions(cols, [{ header: "出欠" }, { header: "意見" }]))).toBeUndefined();
    expect(code(() => ensureSameQuestions(cols, [{ header: "出欠" }, { header: "ご意見" }]))).toMatchObject({
      code: "FORMS_WORKBOOK_COLUMNS",
      details: { missing: ["ご意見"], unexpected: ["意見"] },
    });
  });
});

describe("Forms questions and answers", () => {
  const cols = [
    { header: "出欠", index: 0 },
    { header: "意見", index: 1 },
  ];
  const rows = [{ values: ["参加", "よい"] }, { values: ["不参加", "遠い"] }, { values: ["参加", null] }];

  it("repeated few values → single choice; free text → long text; answers map labels to ids", () => {
    const qs = deriveQuestions(cols, rows);
    expect(qs[0]).toMatchObject({
      id: "q1",
      type: "single",
      choices: [
        { id: "c1", label: "参加" },
        { id: "c2", label: "不参加" },
      ],
    });
    expect(qs[1]).toMatchObject({ id: "q2", type: "longText", maxLength: 4000 });
    const mapped = [
      { questionId: "q1", index: 0 },
      { questionId: "q2", index: 1 },
    ];
    expect(answersOf(qs, mapped, ["不参加", " 遠い "])).toEqual({ q1: "c2", q2: "遠い" });
    const extended = withNewChoices(qs, mapped, [{ values: ["未定", ""] }]) as Question[];
    expect(extended[0]).toMatchObject({
      choices: [{ label: "参加" }, { label: "不参加" }, { id: "c3", label: "未定" }],
    });
    expect(withNewChoices(qs, mapped, [{ values: ["参加", "x"] }])).toBeUndefined();
  });

  it("completion times are JST wall clock; names compare without spaces", () => {
    const fallback = new Date("2026-01-01T00:00:00Z");
    expect(completionTime(new Date("2026-11-11T10:30:00Z"), fallback)).toBe("2026-11-11T01:30:00.000Z");
    expect(completionTime("2026/11/11 9:05:00", fallback)).toBe("2026-11-11T00:05:00.000Z");
    expect(completionTime("?", fallback)).toBe(fallback.toISOString());
    expect(normaliseName("山田　花子")).toBe(normaliseName("山田 花子"));
    expect(normaliseName("ﾔﾏﾀﾞ ﾊﾅｺ")).toBe("ヤマダハナコ");
  });
});
