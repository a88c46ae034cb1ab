import type { Question } from "@komu/shared";
import { describe, expect, it } from "vitest";
import type { SurveyRecipientRow, SurveyResponseRow } from "../entities.js";
import { answerCell, exportTable, jstDateTime, jstDay } from "./export-table.js";

const questions: Question[] = [
  {
    id: "q1",
    type: "multiple",
    title: "行事",
    required: false,
    choices: [
      { id: "a", label: "運動会" },
      { id: "b", label: "遠足" },
    ],
  },
  { id: "q2", type: "yesNo", title: "参加", required: false },
  { id: "q3", type: "number", title: "人数", required: false, integer: true },
];

const response = (n: number, answers: SurveyResponseRow["answers"], klass = 1): SurveyResponseRow => ({
  surveyId: "s1",
  answers,
  status: "submitted",
  grade: 1,
  class: klass,
  recipientKey: `g-${n}-${n}`,
  respondentName: `保護者${n}`,
  submittedAt: `2026-11-0${n}T15:30:00.000Z`,
  via: "link",
  formsRowId: null,
});
const recipient = (n: number): SurveyRecipientRow =>
  ({
    key: `g-${n}-${n}`,
    name: `保護者${n}`,
    childName: `児童${n}`,
    number: 10 - n,
    grade: 1,
    class: 1,
  }) as SurveyRecipientRow;

describe("export table", () => {
  it("answers as labels (「、」), はい/いいえ, numbers; JST times", () => {
    expect(answerCell(questions[0] as Question, ["a", "b"])).toBe("運動会、遠足");
    expect(answerCell(questions[1] as Question, false)).toBe("いいえ");
    expect(answerCell(questions[2] as Question, 3)).toBe(3);
    expect(jstDateTime("2026-11-01T15:30:00.000Z")).toBe("2026-11-02 00:30");
    expect(jstDay("2026-11-01T15:30:00.000Z")).toBe("2026-11-02");
  });

  it("named guardians: 学年, 組, 番号, 保護者氏名, 児童生徒氏名, 回答日時, sorted by 番号", () => {
    const t = exportTable(
      { questions, anonymous: false, audience: { kind: "guardians", groups: [] } },
      [response(1, { q2: true }), response(2, { q1: ["b"] })],
      [recipient(1), recipient(2)],
    );
    expect(t.headers).toEqual(["学年", "組", "番号", "保護者氏名", "児童生徒氏名", "回答日時", "行事", "参加", "人数"]);
    expect(t.rows).toEqual([
      [1, 1, 8, "保護者2", "児童2", "2026-11-03 00:30", "遠足", "", ""],
      [1, 1, 9, "保護者1", "児童1", "2026-11-02 00:30", "", "はい", ""],
    ]);
  });

  it("anonymous: nothing under five; no names or numbers, days only, classes under five blank (and one more class with them)", () => {
    const survey = { questions, anonymous: true, audience: { kind: "students" as const, groups: [] } };
    expect(
      exportTable(
        survey,
        [1, 2, 3, 4].map((n) => response(n, { q3: n })),
        [],
      ).withheld,
    ).toBe(true);
    const rows = [1, 2, 3, 4, 5].map((n) => response(n, { q3: 6 - n })).concat([response(6, { q3: 9 }, 2)]);
    const t = exportTable(survey, rows, []);
    expect(t.headers).toEqual(["学年", "組", "回答日", "行事", "参加", "人数"]);
    expect(JSON.stringify(t.rows)).not.toContain("保護者");
    // 1組 (5) next to 2組's one answer: blanks would single out 2組's row, so both are blank.
    expect(t.rows.map((r) => r.slice(0, 2))).toEqual(Array.from({ length: 6 }, () => ["", ""]));
    const withThird = exportTable(survey, rows.concat([7, 8, 9, 10, 11, 12].map((n) => response(n, { q3: 1 }, 3))), []);
    expect(withThird.rows.map((r) => r.slice(0, 2))).toEqual([
      ...Array.from({ length: 6 }, () => ["", ""]),
      ...Array.from({ length: 6 }, () => [1, 3]),
    ]);
    // rows by class, then day and content (never by who answered)
    expect(t.rows.map((r) => r[2])).toEqual([
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
    ]);
  });
});
