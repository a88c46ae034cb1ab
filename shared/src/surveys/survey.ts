/**
 * A survey (アンケート): its definition (questions, audience, anonymity, deadline, reminders), its
 * life (draft → open → closed) and who it was sent to (recipients, one per person; for guardians
 * one per guardian and child). Audience kinds are never mixed in one survey: staff answer in
 * Teams, students in Teams, guardians through their own links.
 */
import { z } from "zod";
import { Role } from "../roles.js";
import { MAX_QUESTIONS, Question, questionListProblems } from "./questions.js";

export const SurveyId = z.string().regex(/^[a-z0-9]{8,32}$/, "survey id");

/** A grade, or one class of it (学年・組). */
export const ClassGroup = z.object({
  grade: z.number().int().min(1).max(6),
  class: z.number().int().min(1).max(20).optional(),
});
export type ClassGroup = z.infer<typeof ClassGroup>;

export const Audience = z.discriminatedUnion("kind", [
  /** Staff of the school: everyone (教職員), or holders of some roles (校務分掌). */
  z.object({ kind: z.literal("staff"), roles: z.array(Role).max(10).default([]) }),
  /** Students of some grades/classes (empty: the whole school). */
  z.object({ kind: z.literal("students"), groups: z.array(ClassGroup).max(60).default([]) }),
  /** Guardians of students of some grades/classes (one recipient per guardian and child). */
  z.object({ kind: z.literal("guardians"), groups: z.array(ClassGroup).max(60).default([]) }),
]);
export type Audience = z.infer<typeof Audience>;
export type AudienceInput = z.input<typeof Audience>;

export const SurveyReminderPolicy = z.object({
  /** Remind non-responders this many days before the deadline (at 08:00 JST), e.g. [3, 1]. */
  daysBefore: z.array(z.number().int().min(0).max(30)).max(5).default([]),
});
export type SurveyReminderPolicy = z.infer<typeof SurveyReminderPolicy>;

export const SURVEY_TEMPLATE_IDS = ["schoolEvaluation", "eventAttendance", "interviewRequest"] as const;
export const SurveyTemplateId = z.enum(SURVEY_TEMPLATE_IDS);
export type SurveyTemplateId = z.infer<typeof SurveyTemplateId>;

/** What the author writes (create and edit while a draft). */
export const SurveyDefinition = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).default(""),
    questions: z.array(Question).min(1).max(MAX_QUESTIONS),
    /** Anonymous: results never name respondents (tracking still knows who has answered). */
    anonymous: z.boolean().default(false),
    /** UTC ISO; answers are accepted and editable until then. */
    deadline: z.iso.datetime({ offset: false }),
    audience: Audience,
    reminders: SurveyReminderPolicy.default({ daysBefore: [] }),
    templateId: SurveyTemplateId.optional(),
  })
  .superRefine((def, ctx) => {
    for (const problem of questionListProblems(def.questions))
      ctx.addIssue({ code: "custom", path: problem.path.split("."), message: `${problem.ja} / ${problem.en}` });
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;

export const SurveyStatus = z.enum(["draft", "open", "closed"]);
export type SurveyStatus = z.infer<typeof SurveyStatus>;

/** Where the answers come from: Kōmu itself, or a Microsoft Forms response workbook. */
export const SurveySource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("komu") }),
  z.object({
    kind: z.literal("forms"),
    /** The workbook in SharePoint/OneDrive. */
    driveId: z.string().min(1).max(200),
    itemId: z.string().min(1).max(200),
    fileName: z.string().max(400),
    formUrl: z.string().max(2000).optional(),
    /** Question columns as found at registration (header text → question id). */
    columns: z.array(z.object({ header: z.string().max(400), questionId: z.string() })),
    /** The highest Forms response ID read so far (re-sync picks up rows after it). */
    lastRowId: z.number().int().nonnegative(),
    lastSyncAt: z.iso.datetime({ offset: false }).nullable(),
    unmatched: z.number().int().nonnegative().default(0),
  }),
]);
export type SurveySource = z.infer<typeof SurveySource>;

/** A short survey is answered right in its Teams card; a longer one opens in the tab. */
export const CARD_MAX_QUESTIONS = 6;
export function answerableInCard(questions: readonly Question[]): boolean {
  return (
    questions.length <= CARD_MAX_QUESTIONS &&
    questions.every(
      (q) => q.type !== "longText" && !q.showIf && !(q.type === "multiple" && q.maxSelected !== undefined),
    )
  );
}

export const RecipientKind = z.enum(["staff", "student", "guardian"]);
export type RecipientKind = z.infer<typeof RecipientKind>;

/** "Class of" labels for tracking and cross-tabulation ("1年2組"; staff: "教職員"). */
export function groupLabel(grade: number | null | undefined, klass: number | null | undefined): string {
  if (!grade) return "教職員";
  return klass ? `${grade}年${klass}組` : `${grade}年`;
}

/** Whether the survey still takes (and lets respondents change) answers at `now`. */
export function acceptsAnswers(survey: { status: SurveyStatus; deadline: string }, now: Date): boolean {
  return survey.status === "open" && now.getTime() < Date.parse(survey.deadline);
}
