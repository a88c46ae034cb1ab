import { describe, expect, it } from "vitest";
import { aggregateResponses, MIN_GROUP, suppressedGroups } from "./aggregate.js";
import { checkAnswers, visibleQuestionIds } from "./answers.js";
import { neutraliseFormula, toCsv } from "./export.js";
import { Question } from "./questions.js";
import { answerableInCard, SurveyDefinition } from "./survey.js";
import { SURVEY_TEMPLATES } from "./templates.js";
import { trackResponses } from "./tracking.js";

const attendance = SurveyDefinition.parse({
  ...SURVEY_TEMPLATES.find((t) => t.id === "eventAttendance"),
  deadline: "2026-12-01T00:00:00Z",
}).questions;

describe("survey definitions", () => {
  it("accepts every shipped template", () => {
    for (const t of SURVEY_TEMPLATES)
      expect(SurveyDefinition.safeParse({ ...t, deadline: "2026-12-01T00:00:00Z" }).success).toBe(true);
  });

  it("refuses a condition on a later question, an unknown value, and repeated ids", () => {
    const base = { title: "t", deadline: "2026-12-01T00:00:00Z", audience: { kind: "staff" } };
    const later = SurveyDefinition.safeParse({
      ...base,
      questions: [
        { id: "q1", type: "shortText", title: "a", showIf: { questionId: "q2", anyOf: ["yes"] } },
        { id: "q2", type: "yesNo", title: "b" },
      ],
    });
    expect(later.success).toBe(false);
    expect(JSON.stringify(later.error?.issues)).toContain("より前の設問");
    const value = SurveyDefinition.safeParse({
      ...base,
      questions: [
        { id: "q1", type: "yesNo", title: "a" },
        { id: "q2", type: "shortText", title: "b", showIf: { questionId: "q1", anyOf: ["maybe"] } },
      ],
    });
    expect(JSON.stringify(value.error?.issues)).toContain("maybe");
    const repeated = SurveyDefinition.safeParse({
      ...base,
      questions: [
        { id: "q1", type: "yesNo", title: "a" },
        { id: "q1", type: "yesNo", title: "b" },
      ],
    });
    expect(JSON.stringify(repeated.error?.issues)).toContain("重複");
  });

  it("sends short surveys as card inputs and long or conditional ones to the tab", () => {
    const yes = Question.parse({ id: "q1", type: "yesNo", title: "a" });
    expect(answerableInCard([yes])).toBe(true);
    expect(answerableInCard(attendance)).toBe(false); // has a condition
    expect(answerableInCard([Question.parse({ id: "q1", type: "longText", title: "a" })])).toBe(false);
  });
});

describe("checkAnswers", () => {
  it("keeps valid answers and hides conditional questions", () => {
    expect(visibleQuestionIds(attendance, { q1: "no" }).has("q2")).toBe(false);
    expect(visibleQuestionIds(attendance, { q1: "yes" }).has("q2")).toBe(true);
    const ok = checkAnswers(attendance, { q1: "yes", q2: 2, q3: "よろしくお願いします" }, "submit");
    expect(ok.problems).toEqual([]);
    expect(ok.answers).toEqual({ q1: "yes", q2: 2, q3: "よろしくお願いします" });
  });

  it("reports hidden, unknown, out-of-range, too long and missing answers together", () => {
    const r = checkAnswers(attendance, { q1: "no", q2: 3, q9: "x", q3: "あ".repeat(101) }, "submit");
    expect(r.problems.map((p) => [p.questionId, p.problem]).sort()).toEqual([
      ["q2", "hiddenQuestion"],
      ["q3", "tooLong"],
      ["q9", "unknownQuestion"],
    ]);
    const range = checkAnswers(attendance, { q1: "yes", q2: 9 }, "submit");
    expect(range.problems[0]).toMatchObject({ questionId: "q2", problem: "outOfRange" });
    const missing = checkAnswers(attendance, { q1: "yes" }, "submit");
    expect(missing.problems).toEqual([expect.objectContaining({ questionId: "q2", problem: "required" })]);
    expect(checkAnswers(attendance, { q1: "yes" }, "partial").problems).toEqual([]);
  });

  it("reports one problem for an invalid answer to a required question (the value, not also 'required')", () => {
    const q = [Question.parse({ id: "q1", type: "number", title: "人数", required: true, min: 0, max: 5 })];
    const r = checkAnswers(q, { q1: 9 }, "submit");
    expect(r.problems.map((x) => [x.questionId, x.problem])).toEqual([["q1", "outOfRange"]]);
    const wrong = checkAnswers(q, { q1: "abc" }, "submit");
    expect(wrong.problems.map((x) => [x.questionId, x.problem])).toEqual([["q1", "wrongType"]]);
    expect(checkAnswers(q, {}, "submit").problems.map((x) => x.problem)).toEqual(["required"]);
  });

  it("counts characters, not UTF-16 units, and refuses wrong types and choices", () => {
    const q = [Question.parse({ id: "q1", type: "shortText", title: "a", maxLength: 2 })];
    expect(checkAnswers(q, { q1: "𠮷野" }, "submit").problems).toEqual([]);
    expect(checkAnswers(attendance, { q1: "maybe" }, "partial").problems[0]?.problem).toBe("unknownChoice");
    expect(checkAnswers(attendance, { q1: true }, "partial").problems[0]?.problem).toBe("wrongType");
  });
});

describe("tracking and results", () => {
  const recipients = Array.from({ length: 12 }, (_, i) => ({
    key: `k${i}`,
    kind: "guardian" as const,
    name: `保護者${i}`,
    grade: 1,
    class: i < 6 ? 1 : 2,
    number: i,
    submittedAt: i % 3 === 0 ? null : "2026-11-25T00:00:00.000Z",
    partial: i === 3,
  }));

  it("rates by class and lists exactly the non-responders", () => {
    const t = trackResponses(recipients);
    expect(t.total).toMatchObject({ total: 12, answered: 8 });
    expect(t.byClass.map((c) => [c.label, c.answered, c.total])).toEqual([
      ["1年1組", 4, 6],
      ["1年2組", 4, 6],
    ]);
    expect(t.nonResponders.map((r) => r.key)).toEqual(["k0", "k3", "k6", "k9"]);
    expect(t.partial).toBe(1);
  });

  it("never breaks down a class with fewer than five answers, and withholds small anonymous surveys", () => {
    const responses = [
      ...Array.from({ length: MIN_GROUP }, () => ({ answers: { q1: "yes" }, grade: 1, class: 1, submittedAt: "x" })),
      ...Array.from({ length: MIN_GROUP - 1 }, () => ({ answers: { q1: "no" }, grade: 1, class: 2, submittedAt: "x" })),
    ];
    const r = aggregateResponses(attendance, responses, { anonymous: true, byClass: true });
    const q1 = r.questions[0];
    expect(q1?.options?.map((o) => o.count)).toEqual([5, 4]);
    // 1年1組 shown next to the total would give 1年2組's four answers by subtraction: both hidden.
    expect(q1?.byClass?.map((g) => [g.label, g.suppressed, g.options?.[0]?.count])).toEqual([
      ["1年1組", true, undefined],
      ["1年2組", true, undefined],
    ]);
    const three = aggregateResponses(
      attendance,
      [
        ...responses,
        ...Array.from({ length: 7 }, () => ({ answers: { q1: "yes" }, grade: 1, class: 3, submittedAt: "x" })),
      ],
      { anonymous: true, byClass: true },
    );
    expect(three.questions[0]?.byClass?.map((g) => [g.label, g.suppressed])).toEqual([
      ["1年1組", true],
      ["1年2組", true],
      ["1年3組", false],
    ]);
    const few = aggregateResponses(attendance, responses.slice(0, 4), { anonymous: true, byClass: true });
    expect(few).toMatchObject({ withheld: true, questions: [] });
  });
});

describe("suppressedGroups", () => {
  it("hides small groups, then the smallest others until the hidden ones hold at least MIN_GROUP answers", () => {
    const hidden = (entries: [string, number][]) => [...suppressedGroups(new Map(entries))].sort();
    expect(
      hidden([
        ["a", 9],
        ["b", 6],
      ]),
    ).toEqual([]);
    expect(
      hidden([
        ["a", 9],
        ["b", 1],
      ]),
    ).toEqual(["a", "b"]);
    expect(
      hidden([
        ["a", 9],
        ["b", 6],
        ["c", 1],
        ["d", 2],
      ]),
    ).toEqual(["b", "c", "d"]);
    expect(
      hidden([
        ["a", 9],
        ["b", 6],
        ["c", 3],
        ["d", 2],
      ]),
    ).toEqual(["c", "d"]);
  });
});

describe("export", () => {
  it("neutralises formulas and writes a BOM with CRLF", () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormula("@SUM(1)")).toBe("'@SUM(1)");
    expect(neutraliseFormula("普通の回答")).toBe("普通の回答");
    expect(neutraliseFormula("＝1+1")).toBe("'＝1+1");
    expect(neutraliseFormula("＋81 90")).toBe("'＋81 90");
    expect(neutraliseFormula("  =HYPERLINK(1)")).toBe("'  =HYPERLINK(1)");
    expect(neutraliseFormula("\u3000@SUM(1)")).toBe("'\u3000@SUM(1)");
    expect(neutraliseFormula("\n=1")).toBe("'\n=1");
    expect(neutraliseFormula("a = b")).toBe("a = b");
    const csv = toCsv([
      ["名前", "回答"],
      ["和田", '=1+2,"x"'],
      ["-", 3],
    ]);
    expect(csv.startsWith("\uFEFF名前,回答\r\n")).toBe(true);
    expect(csv).toContain('和田,"\'=1+2,""x"""\r\n');
    expect(csv).toContain("'-,3\r\n");
  });
});
