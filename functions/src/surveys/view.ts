/** API views of a survey row (the shared contract's SurveyView / SurveySummary / SurveyForRespondent). */
import {
  acceptsAnswers,
  answerableInCard,
  type SurveyForRespondent,
  type SurveySummary,
  type SurveyView,
} from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import type { SurveyRow } from "./entities.js";

/** `answered`: submitted recipients (0 while a draft; callers that know it pass it). */
export function surveyView(row: StoredEntity<SurveyRow>, answered = 0): SurveyView {
  const s = row.data;
  return {
    id: row.id,
    schoolId: row.schoolId,
    status: s.status,
    title: s.title,
    description: s.description,
    questions: s.questions,
    anonymous: s.anonymous,
    deadline: s.deadline,
    audience: s.audience,
    reminders: s.reminders,
    ...(s.templateId ? { templateId: s.templateId } : {}),
    source: s.source,
    owner: { oid: s.ownerOid, name: s.ownerName },
    createdAt: row.createdAt,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    recipients: s.recipientCount,
    answered,
    answerInCard: s.source.kind === "komu" && answerableInCard(s.questions),
    etag: row.etag,
  };
}

export function surveySummary(row: StoredEntity<SurveyRow>, answered = 0): SurveySummary {
  const { questions: _q, reminders: _r, source, ...rest } = surveyView(row, answered);
  return { ...rest, sourceKind: source.kind };
}

export function surveyForRespondent(row: StoredEntity<SurveyRow>, now: Date, schoolName?: string): SurveyForRespondent {
  const s = row.data;
  return {
    id: row.id,
    schoolId: row.schoolId,
    ...(schoolName ? { schoolName } : {}),
    title: s.title,
    description: s.description,
    questions: s.questions,
    anonymous: s.anonymous,
    deadline: s.deadline,
    acceptsAnswers: acceptsAnswers(s, now),
    answerInForms: s.source.kind === "forms",
    formUrl: s.source.kind === "forms" ? (s.source.formUrl ?? null) : null,
  };
}
