/**
 * Who has answered (回答状況): one paged listing of the survey's recipient rows (partition =
 * school, id prefix `<surveyId>.`), rated by grade and class with the non-responders listed.
 */
import { type Principal, type TrackingView, trackResponses } from "@komu/shared";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import { listRecipients } from "../recipients.js";

export async function trackSurvey(
  deps: Pick<SurveysDeps, "storage" | "clock">,
  req: { schoolId: string; surveyId: string; principal: Principal },
): Promise<TrackingView> {
  const survey = await loadSurveyFor(deps, req.principal, req.schoolId, req.surveyId, "read");
  const rows = await listRecipients(deps, req.schoolId, req.surveyId);
  const t = trackResponses(
    rows.map((r) => ({
      key: r.data.key,
      kind: r.data.kind,
      name: r.data.name,
      childName: r.data.childName,
      grade: r.data.grade,
      class: r.data.class,
      number: r.data.number,
      submittedAt: r.data.submittedAt,
      partial: r.data.partial,
      lastRemindedAt: r.data.lastRemindedAt,
      remindCount: r.data.remindCount,
    })),
  );
  return {
    surveyId: survey.id,
    status: survey.data.status,
    deadline: survey.data.deadline,
    total: t.total,
    byGrade: t.byGrade,
    byClass: t.byClass,
    partial: t.partial,
    nonResponders: t.nonResponders.map((r) => ({
      key: r.key,
      kind: r.kind,
      name: r.name,
      childName: r.childName ?? null,
      grade: r.grade ?? null,
      class: r.class ?? null,
      number: r.number ?? null,
      submittedAt: r.submittedAt,
      partial: r.partial,
      lastRemindedAt: r.lastRemindedAt ?? null,
      remindCount: r.remindCount ?? 0,
    })),
    at: deps.clock().toISOString(),
  };
}
