/**
 * The surveys API's shapes (shared by functions/ and the tab). Routes live under
 * /api/schools/{schoolId}/surveys…; guardians use the public page /s/{token} and its JSON API
 * /api/public/surveys/{token}…; see functions/src/surveys. Updates carry the row's ETag in If-Match.
 */
import { z } from "zod";
import { Answers } from "./answers.js";
import { Question } from "./questions.js";
import {
  Audience,
  ClassGroup,
  RecipientKind,
  SurveyDefinition,
  SurveyId,
  SurveySource,
  SurveyStatus,
} from "./survey.js";

const isoDateTime = z.iso.datetime({ offset: false });
const Person = z.object({ oid: z.string(), name: z.string() });

export const SurveyCreateInput = SurveyDefinition;
export const SurveyUpdateInput = SurveyDefinition;

/** POST …/surveys/{id}/deadline (If-Match): extend (or shorten) an open survey's deadline. */
export const SurveyDeadlineInput = z.object({ deadline: isoDateTime });

export const SurveyView = z.object({
  id: SurveyId,
  schoolId: z.string(),
  status: SurveyStatus,
  title: z.string(),
  description: z.string(),
  questions: z.array(Question),
  anonymous: z.boolean(),
  deadline: isoDateTime,
  audience: Audience,
  reminders: z.object({ daysBefore: z.array(z.number().int()) }),
  templateId: z.string().optional(),
  source: SurveySource,
  owner: Person,
  createdAt: isoDateTime,
  openedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  /** Recipients and submitted answers (0 while a draft). */
  recipients: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  /** Short surveys are answered in the Teams card itself. */
  answerInCard: z.boolean(),
  etag: z.string(),
});
export type SurveyView = z.infer<typeof SurveyView>;

export const SurveySummary = SurveyView.omit({ questions: true, reminders: true, source: true }).extend({
  sourceKind: z.enum(["komu", "forms"]),
});
export type SurveySummary = z.infer<typeof SurveySummary>;

export const SurveyList = z.object({ items: z.array(SurveySummary) });

/** POST …/surveys/audience-preview: who a definition's audience reaches now. */
export const AudiencePreviewInput = z.object({ audience: Audience });
export const AudiencePreview = z.object({
  recipients: z.number().int().nonnegative(),
  groups: z.array(z.object({ label: z.string(), count: z.number().int().nonnegative() })),
  /** Students without a Microsoft 365 account (cannot get a card), guardians without a child match… */
  warnings: z.array(z.object({ ja: z.string(), en: z.string() })),
});
export type AudiencePreview = z.infer<typeof AudiencePreview>;

export const RecipientView = z.object({
  key: z.string(),
  kind: RecipientKind,
  name: z.string(),
  childName: z.string().nullable().optional(),
  grade: z.number().int().nullable().optional(),
  class: z.number().int().nullable().optional(),
  number: z.number().int().nullable().optional(),
  submittedAt: isoDateTime.nullable(),
  partial: z.boolean(),
  lastRemindedAt: isoDateTime.nullable().optional(),
  remindCount: z.number().int().nonnegative().optional(),
});
export type RecipientView = z.infer<typeof RecipientView>;

const RateCell = z.object({
  label: z.string(),
  grade: z.number().int().nullable(),
  class: z.number().int().nullable(),
  total: z.number().int(),
  answered: z.number().int(),
  rate: z.number(),
});

/** GET …/surveys/{id}/tracking — polled by the tab for the live view. */
export const TrackingView = z.object({
  surveyId: z.string(),
  status: SurveyStatus,
  deadline: isoDateTime,
  total: RateCell,
  byGrade: z.array(RateCell),
  byClass: z.array(RateCell),
  partial: z.number().int(),
  nonResponders: z.array(RecipientView),
  at: isoDateTime,
});
export type TrackingView = z.infer<typeof TrackingView>;

/** POST …/surveys/{id}/remind: remind non-responders (default: all of them) once. */
export const RemindInput = z.object({ keys: z.array(z.string().max(80)).max(2000).optional() });
export const RemindResult = z.object({
  reminderId: z.string(),
  /** Staff and students: a card from the bot (through the outbox). */
  cards: z.number().int().nonnegative(),
  /** Guardians: the school hands out their links (GET …/guardian-links?pending=true). */
  guardians: z.number().int().nonnegative(),
  /** Recipients skipped: already answered, or no Teams account. */
  skipped: z.number().int().nonnegative(),
});
export type RemindResult = z.infer<typeof RemindResult>;

export const GuardianLink = z.object({
  key: z.string(),
  guardianName: z.string(),
  relationship: z.string(),
  childName: z.string(),
  grade: z.number().int(),
  class: z.number().int(),
  number: z.number().int(),
  url: z.string(),
  /** The link as a QR code (SVG markup, for the printable sheet). */
  qrSvg: z.string(),
  submitted: z.boolean(),
  /** The link was opened (claimed by a device). */
  claimed: z.boolean(),
});
export const GuardianLinks = z.object({ items: z.array(GuardianLink), deadline: isoDateTime, title: z.string() });
export type GuardianLinks = z.infer<typeof GuardianLinks>;

/** What a respondent sees (no owner, no audience, no counts). */
export const SurveyForRespondent = z.object({
  id: SurveyId,
  schoolId: z.string(),
  schoolName: z.string().optional(),
  title: z.string(),
  description: z.string(),
  questions: z.array(Question),
  anonymous: z.boolean(),
  deadline: isoDateTime,
  acceptsAnswers: z.boolean(),
  /** A Microsoft Forms survey is answered in Forms (its link, when registered), never in Kōmu. */
  answerInForms: z.boolean().default(false),
  formUrl: z.string().nullable().default(null),
});
export type SurveyForRespondent = z.infer<typeof SurveyForRespondent>;

export const MyResponse = z.object({
  survey: SurveyForRespondent,
  /** For a guardian: whose child this response is about. */
  about: z.string().optional(),
  answers: Answers,
  status: z.enum(["none", "partial", "submitted"]),
  submittedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime.nullable(),
  etag: z.string().optional(),
});
export type MyResponse = z.infer<typeof MyResponse>;

/** PUT …/surveys/{id}/my-response, and the guardian page's save: submit or keep as a partial answer. */
export const ResponseInput = z.object({ answers: Answers, submit: z.boolean() });
export type ResponseInput = z.infer<typeof ResponseInput>;

/** GET /api/surveys/assigned: surveys the caller is asked to answer (any school they belong to). */
export const AssignedSurvey = z.object({
  id: SurveyId,
  schoolId: z.string(),
  title: z.string(),
  deadline: isoDateTime,
  status: z.enum(["none", "partial", "submitted"]),
  acceptsAnswers: z.boolean(),
});
export const AssignedSurveys = z.object({ items: z.array(AssignedSurvey) });

const OptionCount = z.object({ id: z.string(), label: z.string(), count: z.number().int() });
const NumberStats = z.object({ n: z.number(), mean: z.number(), median: z.number(), min: z.number(), max: z.number() });
export const ResultsView = z.object({
  surveyId: z.string(),
  title: z.string(),
  anonymous: z.boolean(),
  responses: z.number().int(),
  recipients: z.number().int(),
  withheld: z.boolean(),
  /** Why nothing is shown: fewer than minGroup answers, or an anonymous survey still taking answers. */
  withheldReason: z.enum(["tooFew", "untilClosed"]).nullable().default(null),
  minGroup: z.number().int(),
  questions: z.array(
    z.object({
      questionId: z.string(),
      type: z.string(),
      title: z.string(),
      answered: z.number().int(),
      options: z.array(OptionCount).optional(),
      stats: NumberStats.optional(),
      texts: z
        .array(z.object({ text: z.string(), name: z.string().optional(), group: z.string().optional() }))
        .optional(),
      byClass: z
        .array(
          z.object({
            label: z.string(),
            grade: z.number().int().nullable(),
            class: z.number().int().nullable(),
            n: z.number().int(),
            suppressed: z.boolean(),
            options: z.array(OptionCount).optional(),
            stats: NumberStats.optional(),
          }),
        )
        .optional(),
    }),
  ),
  at: isoDateTime,
});
export type ResultsView = z.infer<typeof ResultsView>;

/** POST …/surveys/{id}/archive: the results (xlsx + summary) filed to the records library. */
export const ArchiveInput = z.object({ categoryCode: z.string().min(1).max(32) });
export const ArchiveResult = z.object({ recordIds: z.array(z.string()), status: z.string() });

/** POST …/surveys/forms: register a Microsoft Forms response workbook as a tracked survey. */
export const FormsRegisterInput = z.object({
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(""),
  /** The workbook: a sharing/web URL of the .xlsx in SharePoint or OneDrive, or its drive and item ids. */
  workbook: z.union([
    z.object({ url: z.url().max(2000) }),
    z.object({ driveId: z.string().min(1).max(200), itemId: z.string().min(1).max(200) }),
  ]),
  /** The form's own link (respondents open it; reminders carry it). */
  formUrl: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional(),
  audience: Audience,
  deadline: isoDateTime,
  anonymous: z.boolean().default(false),
});
export type FormsRegisterInput = z.input<typeof FormsRegisterInput>;

export const FormsSyncResult = z.object({
  added: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  unmatched: z.array(z.object({ row: z.number().int(), name: z.string(), email: z.string() })),
  lastRowId: z.number().int().nonnegative(),
  survey: SurveyView,
});
export type FormsSyncResult = z.infer<typeof FormsSyncResult>;

export const TemplateList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.object({ ja: z.string(), en: z.string() }),
      definition: z.unknown(),
    }),
  ),
});

export { ClassGroup };
