/**
 * The survey card's data for one recipient (pure; the caller renders it with renderCard): which
 * state (answer in the card, answered, closed, open in the tab), the inputs prefilled with the
 * saved (or just typed) answers, and the problems of a refused answer.
 */
import {
  type Answers,
  type AnswerValue,
  acceptsAnswers,
  answerableInCard,
  formatJst,
  type Question,
} from "@komu/shared";
import type { SurveyCardData, SurveyCardQuestion } from "@komu/shared/cards/index";
import type { SurveyRecipientRow, SurveyRow } from "../entities.js";

const jst = (iso: string) => formatJst(new Date(iso), "dateTime");

function prefill(q: Question, v: AnswerValue | undefined): { value: string; numberValue: number | null } {
  if (v === undefined) return { value: "", numberValue: null };
  if (q.type === "number")
    return typeof v === "number" ? { value: "", numberValue: v } : { value: "", numberValue: null };
  if (q.type === "yesNo") return { value: v === true ? "yes" : v === false ? "no" : String(v), numberValue: null };
  if (Array.isArray(v)) return { value: v.join(","), numberValue: null };
  return { value: String(v), numberValue: null };
}

export function cardQuestion(q: Question, answer: AnswerValue | undefined): SurveyCardQuestion {
  const base = {
    id: q.id,
    label: q.required ? `${q.title}（必須）` : q.title,
    description: q.description ?? "",
    isRequired: q.required,
    errorMessage: q.required ? `「${q.title}」は必須です` : `「${q.title}」の回答を確認してください`,
    choices: [] as { title: string; value: string }[],
    isMultiSelect: false,
    style: "compact" as "compact" | "expanded",
    maxLength: null as number | null,
    min: null as number | null,
    max: null as number | null,
    minDate: null as string | null,
    maxDate: null as string | null,
    placeholder: "",
    ...prefill(q, answer),
  };
  switch (q.type) {
    case "single":
      return {
        ...base,
        input: "choice",
        choices: q.choices.map((c) => ({ title: c.label, value: c.id })),
        style: q.choices.length <= 5 ? "expanded" : "compact",
        placeholder: "選択してください",
      };
    case "multiple":
      return {
        ...base,
        input: "choice",
        choices: q.choices.map((c) => ({ title: c.label, value: c.id })),
        isMultiSelect: true,
        style: "expanded",
      };
    case "rating":
      return {
        ...base,
        input: "choice",
        style: "expanded",
        choices: Array.from({ length: q.scale }, (_, i) => {
          const n = i + 1;
          const hint =
            n === 1 && q.lowLabel ? `（${q.lowLabel}）` : n === q.scale && q.highLabel ? `（${q.highLabel}）` : "";
          return { title: `${n}${hint}`, value: String(n) };
        }),
      };
    case "yesNo":
      return {
        ...base,
        input: "choice",
        style: "expanded",
        choices: [
          { title: "はい", value: "yes" },
          { title: "いいえ", value: "no" },
        ],
      };
    case "shortText":
    case "longText":
      return { ...base, input: "text", maxLength: q.maxLength };
    case "number":
      return {
        ...base,
        input: "number",
        min: q.min ?? null,
        max: q.max ?? null,
        placeholder: q.unit ? `単位：${q.unit}` : "",
      };
    case "date":
      return { ...base, input: "date", minDate: q.min ?? null, maxDate: q.max ?? null };
  }
}

export interface CardViewOptions {
  now: Date;
  teamsId?: string | undefined;
  /** The saved answers (or what was just typed, after a refusal). */
  answers?: Answers;
  /** Show the inputs even when answered (回答を変更). */
  editing?: boolean;
  reminder?: boolean;
  problems?: string[];
  notice?: string;
  noticeColor?: SurveyCardData["noticeColor"];
  openUrl?: string;
}

export function surveyCardData(
  survey: { id: string; schoolId: string; data: SurveyRow },
  recipient: Pick<SurveyRecipientRow, "submittedAt" | "partial"> | null,
  opts: CardViewOptions,
): SurveyCardData {
  const s = survey.data;
  const open = acceptsAnswers(s, opts.now);
  const forms = s.source.kind === "forms" ? s.source : null;
  const inCard = !forms && answerableInCard(s.questions);
  const submitted = recipient?.submittedAt ?? null;
  const state: SurveyCardData["state"] = !open
    ? "closed"
    : forms
      ? "forms"
      : !inCard
        ? "link"
        : submitted && !opts.editing
          ? "answered"
          : "answer";
  const answers = opts.answers ?? {};
  return {
    surveyId: survey.id,
    schoolId: survey.schoolId,
    title: s.title,
    description: s.description,
    ownerName: s.ownerName,
    deadlineText: jst(s.deadline),
    state,
    reminder: opts.reminder ?? false,
    anonymous: s.anonymous,
    submittedText: submitted ? jst(submitted) : "",
    partial: !submitted && (recipient?.partial ?? false),
    questions: state === "answer" ? s.questions.map((q) => cardQuestion(q, answers[q.id])) : [],
    problems: opts.problems ?? [],
    notice: opts.notice ?? (state === "closed" && submitted ? `回答済み（${jst(submitted)}）` : ""),
    noticeColor: opts.noticeColor ?? "Default",
    userIds: opts.teamsId ? [opts.teamsId] : [],
    openUrl: opts.openUrl ?? "",
    formUrl: forms?.formUrl ?? "",
  };
}

/**
 * The card's inputs (strings as Teams sends them) to typed answers: numbers, booleans, arrays
 * from comma lists; empty inputs are left out. A value that does not convert is kept as it came,
 * so checkAnswers names the problem.
 */
export function answersFromInputs(questions: readonly Question[], data: Record<string, unknown>): Answers {
  const out: Answers = {};
  for (const q of questions) {
    const raw = data[q.id];
    if (raw === undefined || raw === null) continue;
    const text = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? String(raw) : "";
    if (text === "") continue;
    switch (q.type) {
      case "multiple":
        out[q.id] = text
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean);
        break;
      case "number":
      case "rating": {
        const n = Number(text);
        out[q.id] = Number.isFinite(n) ? n : text;
        break;
      }
      case "yesNo":
        out[q.id] = text === "yes" ? true : text === "no" ? false : text;
        break;
      case "shortText":
      case "longText":
        out[q.id] = typeof raw === "string" ? raw : text;
        break;
      default:
        out[q.id] = text;
    }
  }
  return out;
}
