/**
 * GET …/surveys/{id}/results (owner, survey.oversee): the submitted responses aggregated per
 * question, by class for students' and guardians' surveys. Partial answers are not results.
 * Anonymity is the aggregate's: a class with fewer than MIN_GROUP answers is not broken down, an
 * anonymous survey with fewer than MIN_GROUP answers shows nothing, and free texts of anonymous
 * surveys carry no names (the stored anonymous rows have none either). An anonymous survey's
 * results wait until it stops taking answers: comparing results before and after one person's
 * answer (tracking says who just answered) would reveal what they answered.
 */
import {
  acceptsAnswers,
  aggregateResponses,
  KomuError,
  MIN_GROUP,
  type Principal,
  type ResultsView,
} from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import type { SurveyRow } from "../entities.js";
import { submittedResponses } from "./rows.js";

export const byClassOf = (survey: SurveyRow) => survey.audience.kind !== "staff";

export function resultsOf(
  surveyId: string,
  survey: SurveyRow,
  rows: Awaited<ReturnType<typeof submittedResponses>>,
  at: Date,
): ResultsView {
  const aggregated = aggregateResponses(
    survey.questions,
    rows.map((r) => ({
      answers: r.answers,
      grade: r.grade,
      class: r.class,
      respondentName: survey.anonymous ? null : r.respondentName,
      submittedAt: r.submittedAt as string,
    })),
    { anonymous: survey.anonymous, byClass: byClassOf(survey) },
  );
  return {
    surveyId,
    title: survey.title,
    anonymous: survey.anonymous,
    responses: aggregated.responses,
    recipients: survey.recipientCount,
    withheld: aggregated.withheld,
    withheldReason: aggregated.withheld ? "tooFew" : null,
    minGroup: MIN_GROUP,
    questions: aggregated.questions,
    at: at.toISOString(),
  };
}

export async function getResults(
  deps: SurveysDeps,
  principal: Principal,
  schoolId: string,
  surveyId: string,
): Promise<{ survey: StoredEntity<SurveyRow>; view: ResultsView }> {
  const survey = await loadSurveyFor(deps, principal, schoolId, surveyId, "read");
  const now = deps.clock();
  const rows = await submittedResponses(deps, schoolId, surveyId);
  if (anonymousAndOpen(survey.data, now)) {
    const view = resultsOf(surveyId, survey.data, [], now);
    return {
      survey,
      view: { ...view, responses: rows.length, withheld: true, withheldReason: "untilClosed", questions: [] },
    };
  }
  return { survey, view: resultsOf(surveyId, survey.data, rows, now) };
}

/** An anonymous survey still taking answers: its results (and exports) wait until it closes. */
export function anonymousAndOpen(survey: SurveyRow, now: Date): boolean {
  return survey.anonymous && acceptsAnswers(survey, now);
}

export function ensureResultsAvailable(survey: SurveyRow, now: Date): void {
  if (anonymousAndOpen(survey, now)) throw new KomuError("SURVEY_RESULTS_AFTER_CLOSE");
}
