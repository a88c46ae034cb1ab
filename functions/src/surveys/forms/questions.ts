/**
 * Questions of a Forms survey, derived from its question columns (kept simple, on purpose):
 *   - a column whose values so far are 2 to 10 distinct short texts, some given more than once
 *     (free texts rarely repeat), none with Forms' multi-answer separator ";", becomes a single
 *     choice with those values as choices;
 *   - every other column becomes a long text of up to 4,000 characters (Forms' own limit, so a
 *     later long answer is never refused; the brief's "short text" would refuse those rows).
 * At a re-sync a value not yet among a choice question's choices is added as a new choice (up to
 * 30); beyond that the row is reported, not recorded. Question ids are q1…qN in column order.
 */
import { type Answers, LONG_TEXT_MAX, MAX_CHOICES, type Question } from "@komu/shared";
import type { FormsValue } from "./workbook.js";

export const MAX_DERIVED_CHOICES = 10;

/** A cell as answer text (dates as JST YYYY-MM-DD HH:mm), "" when empty. */
export function cellText(v: FormsValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace("T", " ");
  return String(v).trim();
}

export function deriveQuestions(
  columns: readonly { header: string; index: number }[],
  rows: readonly { values: FormsValue[] }[],
): Question[] {
  return columns.map((col, i) => {
    const id = `q${i + 1}`;
    const title = col.header.slice(0, 200);
    const given = rows.map((r) => cellText(r.values[col.index] ?? null)).filter((t) => t !== "");
    const values = [...new Set(given)];
    const choicey =
      values.length >= 2 &&
      values.length < given.length &&
      values.length <= MAX_DERIVED_CHOICES &&
      values.every((v) => v.length <= 100 && !v.includes(";"));
    if (choicey)
      return {
        id,
        title,
        required: false,
        type: "single",
        choices: values.map((label, n) => ({ id: `c${n + 1}`, label })),
      } satisfies Question;
    return { id, title, required: false, type: "longText", maxLength: LONG_TEXT_MAX } satisfies Question;
  });
}

/**
 * Questions with the choices these rows need added (undefined: nothing to add). A value that no
 * longer fits (more than MAX_CHOICES) stays out; its row's answer check will report it.
 */
export function withNewChoices(
  questions: readonly Question[],
  columns: readonly { questionId: string; index: number }[],
  rows: readonly { values: FormsValue[] }[],
): Question[] | undefined {
  let changed = false;
  const next = questions.map((q) => {
    if (q.type !== "single") return q;
    const col = columns.find((c) => c.questionId === q.id);
    if (!col) return q;
    const choices = [...q.choices];
    for (const r of rows) {
      const text = cellText(r.values[col.index] ?? null);
      if (text === "" || text.length > 100 || choices.some((c) => c.label === text)) continue;
      if (choices.length >= MAX_CHOICES) continue;
      choices.push({ id: `c${choices.length + 1}`, label: text });
      changed = true;
    }
    return choices.length === q.choices.length ? q : { ...q, choices };
  });
  return changed ? next : undefined;
}

/** One workbook row as answers to the survey's questions (empty cells are unanswered). */
export function answersOf(
  questions: readonly Question[],
  columns: readonly { questionId: string; index: number }[],
  values: readonly FormsValue[],
): Answers {
  const answers: Answers = {};
  for (const col of columns) {
    const q = questions.find((x) => x.id === col.questionId);
    const text = cellText(values[col.index] ?? null);
    if (!q || text === "") continue;
    if (q.type === "single") answers[q.id] = q.choices.find((c) => c.label === text)?.id ?? text;
    else answers[q.id] = text.slice(0, LONG_TEXT_MAX);
  }
  return answers;
}
