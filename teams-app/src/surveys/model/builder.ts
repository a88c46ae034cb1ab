/**
 * The builder's form state (strings as typed, as the fields hold them) and its conversion to the
 * shared SurveyDefinition; question ids are kept, so answers and conditions survive edits.
 */
import {
  type Audience,
  type AudienceInput,
  type ClassGroup,
  conditionValues,
  type Question,
  type QuestionInput,
  type QuestionType,
  type Role,
  SurveyDefinition,
  type SurveyDefinitionInput,
  SurveyTemplateId,
} from "@komu/shared";
import { jstToUtc, utcToJst } from "../../format/jst-input.js";
import { defaultDeadline } from "./deadline.js";

export interface ChoiceDraft {
  id: string;
  label: string;
}

export interface QuestionDraft {
  id: string;
  type: QuestionType;
  title: string;
  description: string;
  required: boolean;
  choices: ChoiceDraft[];
  /** multiple: at most this many (empty: no limit). */
  maxSelected: string;
  /** shortText/longText. */
  maxLength: string;
  /** number: min/max/unit/integer; date: min/max as YYYY-MM-DD. */
  min: string;
  max: string;
  integer: boolean;
  unit: string;
  /** rating. */
  scale: string;
  lowLabel: string;
  highLabel: string;
  showIf: { questionId: string; anyOf: string[] } | null;
}

export type AudienceKind = Audience["kind"];

export interface SurveyForm {
  title: string;
  description: string;
  questions: QuestionDraft[];
  anonymous: boolean;
  deadlineDate: string;
  deadlineTime: string;
  audienceKind: AudienceKind;
  /** staff: empty = every member of staff. */
  roles: Role[];
  /** students/guardians: empty = the whole school. */
  groups: ClassGroup[];
  reminderDays: number[];
  templateId?: SurveyTemplateId;
}

const DEFAULT_MAX_LENGTH: Partial<Record<QuestionType, number>> = { shortText: 100, longText: 2000 };

/** The next free question id (q1, q2, …). */
export function nextQuestionId(existing: readonly { id: string }[]): string {
  const used = new Set(existing.map((q) => q.id));
  let n = existing.length + 1;
  while (used.has(`q${n}`)) n++;
  return `q${n}`;
}

/** The next free choice id (c1, c2, …). */
export function nextChoiceId(existing: readonly ChoiceDraft[]): string {
  const used = new Set(existing.map((c) => c.id));
  let n = existing.length + 1;
  while (used.has(`c${n}`)) n++;
  return `c${n}`;
}

export function newQuestion(type: QuestionType, existing: readonly { id: string }[]): QuestionDraft {
  return {
    id: nextQuestionId(existing),
    type,
    title: "",
    description: "",
    required: false,
    choices:
      type === "single" || type === "multiple"
        ? [
            { id: "c1", label: "" },
            { id: "c2", label: "" },
          ]
        : [],
    maxSelected: "",
    maxLength: String(DEFAULT_MAX_LENGTH[type] ?? ""),
    min: "",
    max: "",
    integer: true,
    unit: "",
    scale: "5",
    lowLabel: "",
    highLabel: "",
    showIf: null,
  };
}

/** Change a question's type, keeping what both types share (title, description, required, condition). */
export function changeType(q: QuestionDraft, type: QuestionType): QuestionDraft {
  const fresh = newQuestion(type, []);
  const keepChoices = (type === "single" || type === "multiple") && q.choices.length >= 2;
  return {
    ...fresh,
    id: q.id,
    title: q.title,
    description: q.description,
    required: q.required,
    showIf: q.showIf,
    choices: keepChoices ? q.choices : fresh.choices,
  };
}

export function emptyForm(now: Date): SurveyForm {
  const deadline = defaultDeadline(now);
  return {
    title: "",
    description: "",
    questions: [newQuestion("single", [])],
    anonymous: false,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    audienceKind: "staff",
    roles: [],
    groups: [],
    reminderDays: [],
  };
}

const text = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

function draftFromQuestion(q: QuestionInput): QuestionDraft {
  const d = newQuestion(q.type, []);
  const base: QuestionDraft = {
    ...d,
    id: q.id,
    title: q.title,
    description: q.description ?? "",
    required: q.required ?? false,
    showIf: q.showIf ? { questionId: q.showIf.questionId, anyOf: [...q.showIf.anyOf] } : null,
  };
  switch (q.type) {
    case "single":
      return { ...base, choices: q.choices.map((c) => ({ ...c })) };
    case "multiple":
      return { ...base, choices: q.choices.map((c) => ({ ...c })), maxSelected: text(q.maxSelected) };
    case "shortText":
    case "longText":
      return { ...base, maxLength: text(q.maxLength ?? DEFAULT_MAX_LENGTH[q.type]) };
    case "number":
      return { ...base, min: text(q.min), max: text(q.max), unit: q.unit ?? "", integer: q.integer ?? true };
    case "date":
      return { ...base, min: q.min ?? "", max: q.max ?? "" };
    case "rating":
      return { ...base, scale: text(q.scale ?? 5), lowLabel: q.lowLabel ?? "", highLabel: q.highLabel ?? "" };
    case "yesNo":
      return base;
  }
}

/** A form filled from a saved survey, a template's definition, or anything shaped like a definition. */
export function formFromDefinition(
  def: Omit<SurveyDefinitionInput, "deadline" | "templateId"> & {
    deadline?: string | undefined;
    templateId?: string | undefined;
  },
  now: Date,
): SurveyForm {
  const audience: AudienceInput = def.audience;
  const deadline = def.deadline ? utcToJst(def.deadline) : defaultDeadline(now);
  const templateId = SurveyTemplateId.safeParse(def.templateId);
  return {
    title: def.title,
    description: def.description ?? "",
    questions: def.questions.map(draftFromQuestion),
    anonymous: def.anonymous ?? false,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    audienceKind: audience.kind,
    roles: audience.kind === "staff" ? [...(audience.roles ?? [])] : [],
    groups: audience.kind === "staff" ? [] : [...(audience.groups ?? [])],
    reminderDays: [...(def.reminders?.daysBefore ?? [])],
    ...(templateId.success ? { templateId: templateId.data } : {}),
  };
}

/** "" → undefined; otherwise the number typed (NaN stays NaN so that the check names the field). */
function num(v: string): number | undefined {
  const s = v.trim();
  return s === "" ? undefined : Number(s);
}
const opt = (v: string): string | undefined => (v.trim() === "" ? undefined : v.trim());

export function toQuestionInput(q: QuestionDraft): QuestionInput {
  const base = {
    id: q.id,
    title: q.title.trim(),
    required: q.required,
    ...(opt(q.description) ? { description: q.description.trim() } : {}),
    ...(q.showIf ? { showIf: q.showIf } : {}),
  };
  const choices = q.choices.map((c) => ({ id: c.id, label: c.label.trim() }));
  switch (q.type) {
    case "single":
      return { ...base, type: "single", choices };
    case "multiple": {
      const maxSelected = num(q.maxSelected);
      return { ...base, type: "multiple", choices, ...(maxSelected !== undefined ? { maxSelected } : {}) };
    }
    case "shortText":
    case "longText": {
      const maxLength = num(q.maxLength);
      return { ...base, type: q.type, ...(maxLength !== undefined ? { maxLength } : {}) };
    }
    case "number": {
      const min = num(q.min);
      const max = num(q.max);
      const unit = opt(q.unit);
      return {
        ...base,
        type: "number",
        integer: q.integer,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(unit ? { unit } : {}),
      };
    }
    case "date":
      return {
        ...base,
        type: "date",
        ...(opt(q.min) ? { min: q.min } : {}),
        ...(opt(q.max) ? { max: q.max } : {}),
      };
    case "rating": {
      const scale = num(q.scale);
      return {
        ...base,
        type: "rating",
        ...(scale !== undefined ? { scale } : {}),
        ...(opt(q.lowLabel) ? { lowLabel: q.lowLabel.trim() } : {}),
        ...(opt(q.highLabel) ? { highLabel: q.highLabel.trim() } : {}),
      };
    }
    case "yesNo":
      return { ...base, type: "yesNo" };
  }
}

export function toAudience(form: Pick<SurveyForm, "audienceKind" | "roles" | "groups">): AudienceInput {
  if (form.audienceKind === "staff") return { kind: "staff", roles: form.roles };
  return { kind: form.audienceKind, groups: form.groups };
}

/** The definition to send; `deadline` is "" when the date or time is not valid (the check says so). */
export function toDefinition(form: SurveyForm): SurveyDefinitionInput {
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    questions: form.questions.map(toQuestionInput),
    anonymous: form.anonymous,
    deadline: jstToUtc(form.deadlineDate, form.deadlineTime) ?? "",
    audience: toAudience(form),
    reminders: { daysBefore: [...form.reminderDays].sort((a, b) => b - a) },
    ...(form.templateId ? { templateId: form.templateId } : {}),
  };
}

/** Problems by field path ("title", "questions.0.choices.1.label", "deadline", …), as the server would name them. */
export type FieldProblems = Map<string, string[]>;

function add(map: FieldProblems, path: string, message: string) {
  map.set(path, [...(map.get(path) ?? []), message]);
}

/** A zod or server message "日本語 / English" in the current language; other messages as they are. */
export function localMessage(message: string, lang: "ja" | "en"): string {
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  return lang === "ja" ? message.slice(0, at) : message.slice(at + 3);
}

/** The server's VALIDATION_FAILED `details.issues` ({ path, message }) by path. */
export function problemsFromIssues(details: unknown, lang: "ja" | "en"): FieldProblems {
  const out: FieldProblems = new Map();
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return out;
  for (const issue of issues) {
    if (typeof issue !== "object" || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const key = Array.isArray(path) ? path.map(String).join(".") : typeof path === "string" ? path : "";
    add(out, key, localMessage(typeof message === "string" ? message : "", lang));
  }
  return out;
}

export interface FormCheck {
  definition: SurveyDefinitionInput;
  problems: FieldProblems;
}

/**
 * The form checked as the server will check it (the shared schema, including the conditions'
 * rules), with a message in the current language for each field. `messages` words the common
 * cases (empty title, empty choice, bad deadline) for people rather than zod's defaults.
 */
export function checkForm(
  form: SurveyForm,
  lang: "ja" | "en",
  messages: { required: string; deadline: string; deadlinePast: string; invalid: string; condition: string },
  now: Date,
): FormCheck {
  const definition = toDefinition(form);
  const problems: FieldProblems = new Map();
  const parsed = SurveyDefinition.safeParse(definition);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      if (path === "deadline") continue;
      const custom = issue.code === "custom";
      const tooSmall = issue.code === "too_small" && /(title|label)$/.test(path);
      const noValue = issue.code === "too_small" && path.endsWith("showIf.anyOf");
      const message = custom
        ? localMessage(issue.message, lang)
        : tooSmall
          ? messages.required
          : noValue
            ? messages.condition
            : messages.invalid;
      add(problems, path, message);
    }
  if (!definition.deadline) add(problems, "deadline", messages.deadline);
  else if (Date.parse(definition.deadline) <= now.getTime()) add(problems, "deadline", messages.deadlinePast);
  return { definition, problems };
}

/** Problems of one question (any path under questions.<i>), for the question's card. */
export function questionProblems(problems: FieldProblems, index: number): string[] {
  const prefix = `questions.${index}`;
  return [...problems.entries()].filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)).flatMap(([, v]) => v);
}

/** Move a question up (-1) or down (+1); the list unchanged at the ends. */
export function moveQuestion<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Remove a question and every condition that tested it. */
export function removeQuestion(list: readonly QuestionDraft[], index: number): QuestionDraft[] {
  const gone = list[index]?.id;
  return list
    .filter((_, i) => i !== index)
    .map((q) => (q.showIf && q.showIf.questionId === gone ? { ...q, showIf: null } : q));
}

export interface ConditionTarget {
  questionId: string;
  title: string;
  /** The values the condition may test, with their labels (choice labels, or はい/いいえ). */
  values: { value: string; label: string }[];
}

/** The earlier questions a question's 表示条件 may test (single, multiple, yes/no), with their values. */
export function conditionTargets(
  list: readonly QuestionDraft[],
  index: number,
  yesNo: { yes: string; no: string },
): ConditionTarget[] {
  return list.slice(0, Math.max(0, index)).flatMap((q): ConditionTarget[] => {
    if (q.type === "yesNo")
      return [
        {
          questionId: q.id,
          title: q.title,
          values: [
            { value: "yes", label: yesNo.yes },
            { value: "no", label: yesNo.no },
          ],
        },
      ];
    if (q.type === "single" || q.type === "multiple")
      return [
        {
          questionId: q.id,
          title: q.title,
          values: q.choices.map((c) => ({ value: c.id, label: c.label || c.id })),
        },
      ];
    return [];
  });
}

/** Whether a question's values can be tested by a condition (used after a type change). */
export const testable = (q: Question): boolean => conditionValues(q) !== null;
