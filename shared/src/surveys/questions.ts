/**
 * A survey's questions (アンケートの設問): eight types, required or not, and a simple condition
 * (「表示条件」: show this question only when an earlier single-choice, multiple-choice or yes/no
 * question was answered with one of some values). Ids are short and stable, so answers, exports
 * and Forms column mappings survive edits of a question's wording.
 */
import { z } from "zod";

export const QUESTION_TYPES = [
  "single",
  "multiple",
  "shortText",
  "longText",
  "number",
  "date",
  "rating",
  "yesNo",
] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

export const QUESTION_LABELS: Record<QuestionType, { ja: string; en: string }> = {
  single: { ja: "単一選択", en: "Single choice" },
  multiple: { ja: "複数選択", en: "Multiple choice" },
  shortText: { ja: "記述（短文）", en: "Short text" },
  longText: { ja: "記述（長文）", en: "Long text" },
  number: { ja: "数値", en: "Number" },
  date: { ja: "日付", en: "Date" },
  rating: { ja: "評価（段階）", en: "Rating scale" },
  yesNo: { ja: "はい／いいえ", en: "Yes / no" },
};

export const MAX_QUESTIONS = 60;
export const MAX_CHOICES = 30;
export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 4000;

export const QuestionId = z.string().regex(/^q[a-z0-9]{1,15}$/, "question id: q + up to 15 lower-case letters/digits");
export const ChoiceId = z.string().regex(/^[a-z0-9]{1,16}$/, "choice id: up to 16 lower-case letters/digits");

export const Choice = z.object({ id: ChoiceId, label: z.string().trim().min(1).max(100) });
export type Choice = z.infer<typeof Choice>;

/** Show the question only when `questionId` (earlier; single, multiple or yesNo) has one of `anyOf`. */
export const ShowIf = z.object({
  questionId: QuestionId,
  /** Choice ids, or "yes" / "no" for a yes/no question. */
  anyOf: z.array(z.string().min(1).max(16)).min(1).max(MAX_CHOICES),
});
export type ShowIf = z.infer<typeof ShowIf>;

const isoDate = z.iso.date();

const base = {
  id: QuestionId,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(500).optional(),
  required: z.boolean().default(false),
  showIf: ShowIf.optional(),
};

export const Question = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("single"), choices: z.array(Choice).min(2).max(MAX_CHOICES) }),
  z.object({
    ...base,
    type: z.literal("multiple"),
    choices: z.array(Choice).min(2).max(MAX_CHOICES),
    maxSelected: z.number().int().min(1).max(MAX_CHOICES).optional(),
  }),
  z.object({
    ...base,
    type: z.literal("shortText"),
    maxLength: z.number().int().min(1).max(SHORT_TEXT_MAX).default(100),
  }),
  z.object({
    ...base,
    type: z.literal("longText"),
    maxLength: z.number().int().min(1).max(LONG_TEXT_MAX).default(2000),
  }),
  z.object({
    ...base,
    type: z.literal("number"),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    integer: z.boolean().default(true),
    unit: z.string().trim().max(10).optional(),
  }),
  z.object({ ...base, type: z.literal("date"), min: isoDate.optional(), max: isoDate.optional() }),
  z.object({
    ...base,
    type: z.literal("rating"),
    /** Answers 1..scale. */
    scale: z.number().int().min(3).max(10).default(5),
    lowLabel: z.string().trim().max(30).optional(),
    highLabel: z.string().trim().max(30).optional(),
  }),
  z.object({ ...base, type: z.literal("yesNo") }),
]);
export type Question = z.infer<typeof Question>;
export type QuestionInput = z.input<typeof Question>;

/** The values a question's condition may test (choice ids, or yes/no). */
export function conditionValues(q: Question): string[] | null {
  if (q.type === "single" || q.type === "multiple") return q.choices.map((c) => c.id);
  if (q.type === "yesNo") return ["yes", "no"];
  return null;
}

export interface QuestionProblem {
  path: string;
  ja: string;
  en: string;
}

/**
 * The rules zod's shapes cannot say: unique ids, unique choice ids, a condition that points at an
 * earlier question of a testable type with values it has, min ≤ max. Empty when valid.
 */
export function questionListProblems(questions: readonly Question[]): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const seen = new Map<string, Question>();
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (seen.has(q.id))
      problems.push({
        path: `${at}.id`,
        ja: `設問 ID「${q.id}」が重複しています。`,
        en: `Question id "${q.id}" is repeated.`,
      });
    if (q.type === "single" || q.type === "multiple") {
      const ids = new Set<string>();
      for (const c of q.choices) {
        if (ids.has(c.id))
          problems.push({
            path: `${at}.choices`,
            ja: `「${q.title}」の選択肢 ID「${c.id}」が重複しています。`,
            en: `Choice id "${c.id}" is repeated in "${q.title}".`,
          });
        ids.add(c.id);
      }
    }
    if (q.type === "number" && q.min !== undefined && q.max !== undefined && q.min > q.max)
      problems.push({
        path: `${at}.min`,
        ja: `「${q.title}」の最小値が最大値より大きくなっています。`,
        en: `"${q.title}": min is greater than max.`,
      });
    if (q.type === "date" && q.min && q.max && q.min > q.max)
      problems.push({
        path: `${at}.min`,
        ja: `「${q.title}」の開始日が終了日より後になっています。`,
        en: `"${q.title}": the earliest date is after the latest.`,
      });
    if (q.showIf) {
      const target = seen.get(q.showIf.questionId);
      const values = target ? conditionValues(target) : null;
      if (!target)
        problems.push({
          path: `${at}.showIf`,
          ja: `「${q.title}」の表示条件は、この設問より前の設問を指定してください。`,
          en: `The condition of "${q.title}" must refer to an earlier question.`,
        });
      else if (!values)
        problems.push({
          path: `${at}.showIf`,
          ja: `表示条件に使えるのは単一選択・複数選択・はい／いいえの設問です（「${target.title}」は使えません）。`,
          en: `Conditions can test single, multiple or yes/no questions ("${target.title}" cannot be tested).`,
        });
      else
        for (const v of q.showIf.anyOf)
          if (!values.includes(v))
            problems.push({
              path: `${at}.showIf.anyOf`,
              ja: `「${q.title}」の表示条件の値「${v}」は「${target.title}」の選択肢にありません。`,
              en: `The condition value "${v}" of "${q.title}" is not an option of "${target.title}".`,
            });
    }
    seen.set(q.id, q);
  });
  return problems;
}
