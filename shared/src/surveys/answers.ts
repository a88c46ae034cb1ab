/**
 * Answers (回答) and their check. An answer set maps question ids to values:
 *   single → choice id · multiple → choice ids · shortText/longText → string · number → number ·
 *   date → YYYY-MM-DD · rating → 1..scale · yesNo → boolean.
 * `checkAnswers` returns every problem at once (unknown question, hidden question, wrong type,
 * unknown choice, too long, out of range, required missing), each with a message a guardian or a
 * teacher can act on; a caller records nothing when there is a problem it may not keep.
 * A partial save (一時保存) is checked like a submission except for required questions.
 */
import { z } from "zod";
import type { Question } from "./questions.js";

export const AnswerValue = z.union([
  z.string().max(8000),
  z.array(z.string().max(16)).max(30),
  z.number(),
  z.boolean(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const Answers = z.record(z.string().max(16), AnswerValue);
export type Answers = z.infer<typeof Answers>;

export const ANSWER_PROBLEMS = [
  "unknownQuestion",
  "hiddenQuestion",
  "wrongType",
  "unknownChoice",
  "tooManyChoices",
  "tooLong",
  "outOfRange",
  "notInteger",
  "invalidDate",
  "required",
] as const;
export type AnswerProblemCode = (typeof ANSWER_PROBLEMS)[number];

export interface AnswerProblem {
  questionId: string;
  problem: AnswerProblemCode;
  ja: string;
  en: string;
}

/** Whether an answer counts as given (empty strings and empty lists do not). */
export function isAnswered(value: AnswerValue | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function conditionHolds(value: AnswerValue | undefined, anyOf: readonly string[]): boolean {
  if (value === undefined) return false;
  if (typeof value === "boolean") return anyOf.includes(value ? "yes" : "no");
  if (typeof value === "string") return anyOf.includes(value);
  if (Array.isArray(value)) return value.some((v) => anyOf.includes(v));
  return false;
}

/** The questions shown for these answers (a condition on a hidden question hides its dependants too). */
export function visibleQuestionIds(questions: readonly Question[], answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const q of questions) {
    if (!q.showIf) {
      visible.add(q.id);
      continue;
    }
    const { questionId, anyOf } = q.showIf;
    if (visible.has(questionId) && conditionHolds(answers[questionId], anyOf)) visible.add(q.id);
  }
  return visible;
}

const p = (questionId: string, problem: AnswerProblemCode, ja: string, en: string): AnswerProblem => ({
  questionId,
  problem,
  ja,
  en,
});

function checkOne(q: Question, v: AnswerValue): AnswerProblem | null {
  const t = q.title;
  const wrong = () =>
    p(q.id, "wrongType", `「${t}」の回答の形式が正しくありません。`, `The answer to "${t}" has the wrong form.`);
  switch (q.type) {
    case "single":
      if (typeof v !== "string") return wrong();
      return q.choices.some((c) => c.id === v)
        ? null
        : p(q.id, "unknownChoice", `「${t}」の選択肢にない回答です。`, `"${t}": that option does not exist.`);
    case "multiple": {
      if (!Array.isArray(v)) return wrong();
      const bad = v.find((x) => !q.choices.some((c) => c.id === x));
      if (bad !== undefined)
        return p(q.id, "unknownChoice", `「${t}」の選択肢にない回答です。`, `"${t}": that option does not exist.`);
      if (new Set(v).size !== v.length) return wrong();
      if (q.maxSelected !== undefined && v.length > q.maxSelected)
        return p(
          q.id,
          "tooManyChoices",
          `「${t}」は ${q.maxSelected} 個まで選べます。`,
          `"${t}": choose at most ${q.maxSelected}.`,
        );
      return null;
    }
    case "shortText":
    case "longText":
      if (typeof v !== "string") return wrong();
      return [...v].length > q.maxLength
        ? p(
            q.id,
            "tooLong",
            `「${t}」は ${q.maxLength} 文字以内で入力してください（現在 ${[...v].length} 文字）。`,
            `"${t}": at most ${q.maxLength} characters (now ${[...v].length}).`,
          )
        : null;
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v)) return wrong();
      if (q.integer && !Number.isInteger(v))
        return p(q.id, "notInteger", `「${t}」は整数で入力してください。`, `"${t}": enter a whole number.`);
      if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))
        return p(
          q.id,
          "outOfRange",
          `「${t}」は ${q.min ?? "−∞"} から ${q.max ?? "∞"} の範囲で入力してください。`,
          `"${t}": enter a value from ${q.min ?? "−∞"} to ${q.max ?? "∞"}.`,
        );
      return null;
    case "date":
      if (typeof v !== "string" || !z.iso.date().safeParse(v).success)
        return p(q.id, "invalidDate", `「${t}」の日付が正しくありません。`, `"${t}": the date is not valid.`);
      if ((q.min && v < q.min) || (q.max && v > q.max))
        return p(
          q.id,
          "outOfRange",
          `「${t}」は ${q.min ?? ""}〜${q.max ?? ""} の日付を入力してください。`,
          `"${t}": choose a date from ${q.min ?? "any"} to ${q.max ?? "any"}.`,
        );
      return null;
    case "rating":
      if (typeof v !== "number" || !Number.isInteger(v)) return wrong();
      return v < 1 || v > q.scale
        ? p(q.id, "outOfRange", `「${t}」は 1〜${q.scale} で選んでください。`, `"${t}": choose 1 to ${q.scale}.`)
        : null;
    case "yesNo":
      return typeof v === "boolean" ? null : wrong();
  }
}

export interface CheckedAnswers {
  /** The answers to keep: visible, well-formed, non-empty values only. */
  answers: Answers;
  problems: AnswerProblem[];
  /** Required visible questions without an answer. */
  missing: string[];
}

/**
 * Checks answers against the questions. `mode: "submit"` also reports required questions left
 * empty; `"partial"` (一時保存) does not. An answer to a question hidden by its condition is a
 * problem (a client should not send it); an empty value is simply not kept.
 */
export function checkAnswers(
  questions: readonly Question[],
  input: Answers,
  mode: "submit" | "partial",
): CheckedAnswers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: AnswerProblem[] = [];
  const kept: Answers = {};
  const visible = visibleQuestionIds(questions, input);
  for (const [id, value] of Object.entries(input)) {
    const q = byId.get(id);
    if (!q) {
      problems.push(
        p(
          id,
          "unknownQuestion",
          `設問「${id}」はこのアンケートにありません。`,
          `Question "${id}" is not in this survey.`,
        ),
      );
      continue;
    }
    if (!isAnswered(value)) continue;
    if (!visible.has(id)) {
      problems.push(
        p(
          id,
          "hiddenQuestion",
          `「${q.title}」は表示条件を満たさないため回答できません。`,
          `"${q.title}" is hidden by its condition and cannot be answered.`,
        ),
      );
      continue;
    }
    const problem = checkOne(q, value);
    if (problem) problems.push(problem);
    else kept[id] = typeof value === "string" && q.type !== "date" ? value.replace(/\r\n?/g, "\n") : value;
  }
  const missing = questions.filter((q) => q.required && visible.has(q.id) && !isAnswered(kept[q.id])).map((q) => q.id);
  // One problem per question: an invalid answer to a required question is reported as invalid,
  // not also as missing.
  const flagged = new Set(problems.map((x) => x.questionId));
  if (mode === "submit")
    for (const id of missing.filter((m) => !flagged.has(m))) {
      const q = byId.get(id) as Question;
      problems.push(p(id, "required", `「${q.title}」は必須です。`, `"${q.title}" is required.`));
    }
  return { answers: kept, problems, missing };
}
