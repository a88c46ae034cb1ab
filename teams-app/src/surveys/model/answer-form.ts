/**
 * The answer form: the answers as the controls hold them, the questions shown (the shared
 * `visibleQuestionIds`), what is sent (visible, non-empty answers only: the server refuses an
 * answer to a hidden question) and the server's SURVEY_ANSWER_INVALID problems by question.
 */
import { type Answers, type AnswerValue, isAnswered, type Question, visibleQuestionIds } from "@komu/shared";

/** The answers to send: visible questions only, empty values left out. */
export function answersToSend(questions: readonly Question[], answers: Answers): Answers {
  const visible = visibleQuestionIds(questions, answers);
  const out: Answers = {};
  for (const q of questions) {
    const v = answers[q.id];
    if (visible.has(q.id) && isAnswered(v)) out[q.id] = v as AnswerValue;
  }
  return out;
}

/** A number field's text → the answer (undefined when empty; NaN is kept out and reported by the caller). */
export function numberAnswer(text: string): number | undefined | "invalid" {
  const s = text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : "invalid";
}

/** Toggle a choice of a multiple-choice answer (kept in the order of the choices). */
export function toggleChoice(q: Question, current: AnswerValue | undefined, choiceId: string, on: boolean): string[] {
  const chosen = new Set(Array.isArray(current) ? current : []);
  if (on) chosen.add(choiceId);
  else chosen.delete(choiceId);
  const order = q.type === "multiple" ? q.choices.map((c) => c.id) : [...chosen];
  return order.filter((id) => chosen.has(id));
}

/** The server's `details.problems` ({ questionId, ja, en }) by question, in the current language. */
export function problemsByQuestion(details: unknown, lang: "ja" | "en"): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const problems = (details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems)) return out;
  for (const p of problems) {
    if (typeof p !== "object" || p === null) continue;
    const { questionId, ja, en } = p as { questionId?: unknown; ja?: unknown; en?: unknown };
    if (typeof questionId !== "string") continue;
    const text = lang === "ja" ? ja : en;
    out.set(questionId, [...(out.get(questionId) ?? []), typeof text === "string" ? text : ""]);
  }
  return out;
}
