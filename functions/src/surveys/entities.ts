/**
 * What the surveys module keeps in Azure Tables (partition = schoolId, like every entity):
 *   survey            id = surveyId                 the definition and its life (ETag on every change)
 *   surveyRecipient   id = `<surveyId>.<key>`        one per person asked (guardians: per guardian and child)
 *   surveyResponse    id = `<surveyId>.<responseId>` the answers (named: responseId = key;
 *                                                     anonymous: an HMAC of the key, so nothing stored links them)
 * An answer changes the recipient row and the response row in one Table transaction (both or
 * neither). Rows of one survey are listed with the id prefix `<surveyId>.`.
 */
import { Answers, Audience, Question, RecipientKind, SurveySource, SurveyStatus, SurveyTemplateId } from "@komu/shared";
import { z } from "zod";
import type { Storage } from "../storage/index.js";
import { defineEntity } from "../storage/index.js";

const isoDateTime = z.iso.datetime({ offset: false });

export const surveyEntity = defineEntity({
  kind: "survey",
  schema: z.object({
    title: z.string(),
    description: z.string(),
    questions: z.array(Question),
    anonymous: z.boolean(),
    deadline: isoDateTime,
    audience: Audience,
    reminders: z.object({ daysBefore: z.array(z.number().int()) }),
    templateId: SurveyTemplateId.optional(),
    status: SurveyStatus,
    source: SurveySource,
    ownerOid: z.string(),
    ownerName: z.string(),
    openedAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
    recipientCount: z.number().int().nonnegative(),
    /** Reminder days already sent by the schedule (days-before values), so a job re-run sends none twice. */
    scheduledRemindersSent: z.array(z.number().int()).default([]),
    /** Results filed to the records library (results/archive-survey.ts): chosen before filing, so a retry finds it. */
    archive: z.object({ recordId: z.string(), categoryCode: z.string(), audited: z.boolean() }).optional(),
    /** Forms import: workbook rows no recipient matched (kept, reported by every sync; at most 500). */
    formsUnmatched: z.array(z.object({ row: z.number().int(), name: z.string(), email: z.string() })).optional(),
  }),
  indexes: ["status", "ownerOid"],
});
export type SurveyRow = z.infer<typeof surveyEntity.schema>;

export const surveyRecipientEntity = defineEntity({
  kind: "surveyRecipient",
  schema: z.object({
    surveyId: z.string(),
    /** `u-<oid>` (staff, students) or `g-<保護者番号>-<学籍番号>` (guardians). */
    key: z.string(),
    kind: RecipientKind,
    /** Entra object id (staff, students); null for guardians. */
    oid: z.string().nullable(),
    name: z.string(),
    /** Guardians: the child's name, 続柄 and 学籍番号. */
    childName: z.string().nullable().default(null),
    relationship: z.string().nullable().default(null),
    studentNumber: z.string().nullable().default(null),
    grade: z.number().int().nullable().default(null),
    class: z.number().int().nullable().default(null),
    number: z.number().int().nullable().default(null),
    submittedAt: isoDateTime.nullable().default(null),
    /** Answers saved, not submitted (一時保存). */
    partial: z.boolean().default(false),
    /** Guardians' link: its version (a reissue invalidates older links) and its claim by a device. */
    linkVersion: z.number().int().nonnegative().default(0),
    linkClaimedAt: isoDateTime.nullable().default(null),
    /** SHA-256 (hex) of the device session secret set as a cookie at the claim. */
    sessionHash: z.string().nullable().default(null),
    /** Teams: the activity id of the survey card sent to this person (to update it). */
    cardActivityId: z.string().nullable().default(null),
    lastRemindedAt: isoDateTime.nullable().default(null),
    remindCount: z.number().int().nonnegative().default(0),
    /** The last reminder this person got (a retried reminder effect skips them). */
    lastReminderId: z.string().nullable().default(null),
  }),
  indexes: ["surveyId"],
});
export type SurveyRecipientRow = z.infer<typeof surveyRecipientEntity.schema>;
export type SurveyRecipientInput = z.input<typeof surveyRecipientEntity.schema>;

export const surveyResponseEntity = defineEntity({
  kind: "surveyResponse",
  schema: z.object({
    surveyId: z.string(),
    answers: Answers,
    status: z.enum(["partial", "submitted"]),
    /** For cross-tabulation by class (kept for anonymous surveys too; shown only in groups ≥ 5). */
    grade: z.number().int().nullable().default(null),
    class: z.number().int().nullable().default(null),
    /** Named surveys only. */
    recipientKey: z.string().nullable().default(null),
    respondentName: z.string().nullable().default(null),
    submittedAt: isoDateTime.nullable().default(null),
    via: z.enum(["card", "tab", "link", "forms"]),
    /** Forms import: the workbook row's ID. */
    formsRowId: z.number().int().nullable().default(null),
  }),
  indexes: ["surveyId", "status"],
});
export type SurveyResponseRow = z.infer<typeof surveyResponseEntity.schema>;

export function surveysRepos(storage: Pick<Storage, "entities">) {
  return {
    surveys: storage.entities.repo(surveyEntity),
    recipients: storage.entities.repo(surveyRecipientEntity),
    responses: storage.entities.repo(surveyResponseEntity),
  };
}
export type SurveysRepos = ReturnType<typeof surveysRepos>;

export const recipientRowId = (surveyId: string, key: string) => `${surveyId}.${key}`;
export const responseRowId = (surveyId: string, responseId: string) => `${surveyId}.${responseId}`;
