import { type Question, SURVEY_TEMPLATES, SurveyDefinition } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { answersToSend, numberAnswer, problemsByQuestion, toggleChoice } from "./answer-form.js";
import { gradesOf, isSelected, toggleGroup } from "./audience.js";
import {
  changeType,
  checkForm,
  conditionTargets,
  emptyForm,
  formFromDefinition,
  localMessage,
  moveQuestion,
  newQuestion,
  problemsFromIssues,
  questionProblems,
  removeQuestion,
  type SurveyForm,
  toDefinition,
} from "./builder.js";
import { defaultDeadline } from "./deadline.js";
import { displayStatus, percent } from "./status.js";
import { trackingChange } from "./tracking.js";

const NOW = new Date("2026-11-25T03:00:00Z"); // 12:00 JST
const MESSAGES = {
  required: "必須です",
  deadline: "日時が正しくありません",
  deadlinePast: "過去です",
  condition: "値を選んでください",
  invalid: "不正",
};

function filled(): SurveyForm {
  const form = emptyForm(NOW);
  const q1 = { ...newQuestion("single", []), title: "出欠" };
  q1.choices = [
    { id: "c1", label: "出席" },
    { id: "c2", label: "欠席" },
  ];
  const q2 = { ...newQuestion("longText", [q1]), title: "理由", showIf: { questionId: "q1", anyOf: ["c2"] } };
  return { ...form, title: " 行事の出欠 ", questions: [q1, q2] };
}

describe("deadline", () => {
  it("defaults to a week later at 17:00 JST (the JST date, not the UTC one)", () => {
    expect(defaultDeadline(new Date("2026-11-25T16:00:00Z"))).toEqual({ date: "2026-12-03", time: "17:00" });
  });
});

describe("display status", () => {
  it("tells 回答受付中 from 締切済み by the deadline", () => {
    expect(displayStatus({ status: "open", deadline: "2026-11-26T00:00:00Z" }, NOW)).toBe("open");
    expect(displayStatus({ status: "open", deadline: "2026-11-25T02:59:59Z" }, NOW)).toBe("pastDeadline");
    expect(displayStatus({ status: "closed", deadline: "2026-12-25T00:00:00Z" }, NOW)).toBe("closed");
    expect(displayStatus({ status: "draft", deadline: "2020-01-01T00:00:00Z" }, NOW)).toBe("draft");
  });
  it("rounds rates and copes with nobody asked", () => {
    expect(percent(21, 25)).toBe(84);
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });
});

describe("builder form → SurveyDefinition", () => {
  it("produces a definition the shared schema accepts, with the JST deadline in UTC", () => {
    const def = toDefinition({ ...filled(), reminderDays: [1, 3] });
    const parsed = SurveyDefinition.parse(def);
    expect(parsed.title).toBe("行事の出欠");
    expect(parsed.deadline).toBe("2026-12-02T08:00:00.000Z");
    expect(parsed.questions[1]).toMatchObject({ type: "longText", maxLength: 2000, showIf: { anyOf: ["c2"] } });
    expect(parsed.reminders.daysBefore).toEqual([3, 1]);
    expect(parsed.audience).toEqual({ kind: "staff", roles: [] });
  });

  it("round-trips every template through the form unchanged", () => {
    for (const tpl of SURVEY_TEMPLATES) {
      const deadline = "2026-12-10T08:00:00.000Z";
      const form = formFromDefinition({ ...tpl, templateId: tpl.id, deadline }, NOW);
      const back = SurveyDefinition.parse(toDefinition(form));
      const original = SurveyDefinition.parse({ ...tpl, templateId: tpl.id, deadline });
      expect(back).toEqual(original);
    }
  });

  it("names the fields with problems as the server does (paths), in the current language", () => {
    const form = filled();
    form.title = "";
    const q = form.questions[0];
    if (q)
      q.choices = [
        { id: "c1", label: "出席" },
        { id: "c2", label: "" },
      ];
    const { problems } = checkForm(form, "ja", MESSAGES, NOW);
    expect(problems.get("title")).toEqual(["必須です"]);
    expect(problems.get("questions.0.choices.1.label")).toEqual(["必須です"]);
    expect(questionProblems(problems, 0)).toEqual(["必須です"]);
    expect(questionProblems(problems, 1)).toEqual([]);
  });

  it("reports a condition that points at a later question (shared rule), and bad or past deadlines", () => {
    const form = filled();
    form.questions = moveQuestion(form.questions, 1, -1); // the condition now refers to a later question
    form.deadlineDate = "2026-02-30";
    const { problems } = checkForm(form, "en", MESSAGES, NOW);
    expect(problems.get("questions.0.showIf")?.[0]).toMatch(/must refer to an earlier question/);
    expect(problems.get("deadline")).toEqual(["日時が正しくありません"]);
    const past = checkForm({ ...filled(), deadlineDate: "2026-11-25", deadlineTime: "11:59" }, "ja", MESSAGES, NOW);
    expect(past.problems.get("deadline")).toEqual(["過去です"]);
    expect(checkForm(filled(), "ja", MESSAGES, NOW).problems.size).toBe(0);
    const noValues = filled();
    const q2 = noValues.questions[1];
    if (q2) q2.showIf = { questionId: "q1", anyOf: [] };
    expect(checkForm(noValues, "ja", MESSAGES, NOW).problems.get("questions.1.showIf.anyOf")).toEqual([
      "値を選んでください",
    ]);
  });

  it("reads the server's VALIDATION_FAILED issues by path, bilingual messages split", () => {
    const details = {
      target: "json",
      issues: [
        {
          path: "questions.1.showIf",
          code: "custom",
          message: "前の設問を指定してください。 / Refer to an earlier one.",
        },
        { path: "title", code: "too_small", message: "Too small" },
      ],
    };
    expect(problemsFromIssues(details, "en").get("questions.1.showIf")).toEqual(["Refer to an earlier one."]);
    expect(problemsFromIssues(details, "ja").get("questions.1.showIf")).toEqual(["前の設問を指定してください。"]);
    expect(problemsFromIssues(details, "ja").get("title")).toEqual(["Too small"]);
    expect(problemsFromIssues(undefined, "ja").size).toBe(0);
    expect(localMessage("plain", "en")).toBe("plain");
  });

  it("moves questions up and down within bounds, and removing one drops conditions on it", () => {
    const list = ["a", "b", "c"];
    expect(moveQuestion(list, 0, -1)).toEqual(list);
    expect(moveQuestion(list, 2, 1)).toEqual(list);
    expect(moveQuestion(list, 1, 1)).toEqual(["a", "c", "b"]);
    const rest = removeQuestion(filled().questions, 0);
    expect(rest).toHaveLength(1);
    expect(rest[0]?.showIf).toBeNull();
  });

  it("offers only earlier single/multiple/yes-no questions as condition targets", () => {
    const form = filled();
    const yes = { ...newQuestion("yesNo", form.questions), title: "参加" };
    const list = [...form.questions, yes, newQuestion("number", [...form.questions, yes])];
    const targets = conditionTargets(list, 3, { yes: "はい", no: "いいえ" });
    expect(targets.map((t) => t.questionId)).toEqual(["q1", "q3"]);
    expect(targets[0]?.values).toEqual([
      { value: "c1", label: "出席" },
      { value: "c2", label: "欠席" },
    ]);
    expect(targets[1]?.values.map((v) => v.label)).toEqual(["はい", "いいえ"]);
    expect(conditionTargets(list, 0, { yes: "y", no: "n" })).toEqual([]);
  });

  it("changing a type keeps title, required and condition, and choices between choice types", () => {
    const q = filled().questions[0];
    if (!q) throw new Error("no question");
    const multi = changeType({ ...q, required: true }, "multiple");
    expect(multi).toMatchObject({ id: "q1", title: "出欠", required: true, type: "multiple" });
    expect(multi.choices.map((c) => c.label)).toEqual(["出席", "欠席"]);
    expect(changeType(q, "rating")).toMatchObject({ type: "rating", scale: "5", choices: [] });
  });
});

describe("audience groups", () => {
  it("groups the roster's classes by grade in order", () => {
    expect(
      gradesOf([
        { grade: 2, class: 1 },
        { grade: 1, class: 2 },
        { grade: 1, class: 1 },
      ]),
    ).toEqual([
      { grade: 1, classes: [1, 2] },
      { grade: 2, classes: [1] },
    ]);
  });
  it("a whole grade replaces its classes; classes toggle on their own", () => {
    let groups = toggleGroup([], 1, 2, true);
    groups = toggleGroup(groups, 2, undefined, true);
    expect(groups).toEqual([{ grade: 1, class: 2 }, { grade: 2 }]);
    expect(isSelected(groups, 1, 2)).toBe(true);
    expect(isSelected(groups, 1)).toBe(false);
    groups = toggleGroup(groups, 1, undefined, true);
    expect(groups).toEqual([{ grade: 1 }, { grade: 2 }]);
    expect(toggleGroup(groups, 2, undefined, false)).toEqual([{ grade: 1 }]);
  });
});

describe("answer form", () => {
  const questions: Question[] = SurveyDefinition.parse(toDefinition(filled())).questions;

  it("sends visible, non-empty answers only (a hidden question's text is dropped)", () => {
    expect(answersToSend(questions, { q1: "c1", q2: "理由" })).toEqual({ q1: "c1" });
    expect(answersToSend(questions, { q1: "c2", q2: "理由" })).toEqual({ q1: "c2", q2: "理由" });
    expect(answersToSend(questions, { q1: "c2", q2: "  " })).toEqual({ q1: "c2" });
  });
  it("reads numbers typed with full-width digits, and tells invalid ones", () => {
    expect(numberAnswer("１２")).toBe(12);
    expect(numberAnswer(" 3.5 ")).toBe(3.5);
    expect(numberAnswer("")).toBeUndefined();
    expect(numberAnswer("abc")).toBe("invalid");
  });
  it("keeps multiple choices in the questions' order", () => {
    const multi = {
      ...questions[0],
      type: "multiple",
      choices: [
        { id: "a", label: "A" },
        { id: "b", label: "B" },
      ],
    };
    expect(toggleChoice(multi as Question, ["b"], "a", true)).toEqual(["a", "b"]);
    expect(toggleChoice(multi as Question, ["a", "b"], "a", false)).toEqual(["b"]);
  });
  it("reads SURVEY_ANSWER_INVALID problems by question", () => {
    const details = {
      problems: [{ questionId: "q1", problem: "required", ja: "「出欠」は必須です。", en: "required" }],
    };
    expect(problemsByQuestion(details, "ja").get("q1")).toEqual(["「出欠」は必須です。"]);
    expect(problemsByQuestion({}, "ja").size).toBe(0);
  });
});

describe("tracking announcements", () => {
  const at = (answered: number, total: number) => ({
    total: { label: "", grade: null, class: null, total, answered, rate: 0 },
  });
  it("speaks only when the count changes after the first poll", () => {
    expect(trackingChange(null, at(3, 25))).toBeNull();
    expect(trackingChange(at(3, 25), at(3, 25))).toBeNull();
    expect(trackingChange(at(3, 25), at(4, 25))).toEqual({ answered: 4, total: 25 });
  });
});
