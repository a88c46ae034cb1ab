/** Closing a survey and moving its deadline (If-Match; owner or survey.oversee); audited survey.changed. */
import { KomuError, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import { ensureFutureDeadline } from "../drafts/create-survey.js";
import { type SurveyRow, surveysRepos } from "../entities.js";

export async function closeSurvey(
  deps: Pick<SurveysDeps, "storage" | "clock">,
  req: { schoolId: string; surveyId: string; principal: Principal; etag: string },
): Promise<StoredEntity<SurveyRow>> {
  const { schoolId, surveyId, principal } = req;
  const row = await loadSurveyFor(deps, principal, schoolId, surveyId, "manage");
  if (row.data.status === "closed") return row;
  if (row.data.status !== "open") throw new KomuError("SURVEY_NOT_OPEN", { details: { status: row.data.status } });
  ensureEtag(row, req.etag);
  const saved = await surveysRepos(deps.storage).surveys.update(
    schoolId,
    surveyId,
    { ...row.data, status: "closed", closedAt: deps.clock().toISOString() },
    req.etag,
  );
  await deps.storage.audit.append(schoolId, {
    kind: "survey.changed",
    actor: { oid: principal.oid, name: principal.name },
    target: { kind: "survey", id: surveyId },
    data: { what: "closed" },
  });
  return saved;
}

export async function changeDeadline(
  deps: Pick<SurveysDeps, "storage" | "clock">,
  req: { schoolId: string; surveyId: string; principal: Principal; etag: string; deadline: string },
): Promise<StoredEntity<SurveyRow>> {
  const { schoolId, surveyId, principal } = req;
  const row = await loadSurveyFor(deps, principal, schoolId, surveyId, "manage");
  if (row.data.status === "closed") throw new KomuError("SURVEY_CLOSED", { details: { deadline: row.data.deadline } });
  ensureEtag(row, req.etag);
  ensureFutureDeadline(req.deadline, deps.clock());
  const saved = await surveysRepos(deps.storage).surveys.update(
    schoolId,
    surveyId,
    // A new deadline re-arms the scheduled reminders that now lie ahead.
    { ...row.data, deadline: req.deadline, scheduledRemindersSent: [] },
    req.etag,
  );
  await deps.storage.audit.append(schoolId, {
    kind: "survey.changed",
    actor: { oid: principal.oid, name: principal.name },
    target: { kind: "survey", id: surveyId },
    data: { what: "deadline", changes: { deadline: { from: row.data.deadline, to: req.deadline } } },
  });
  return saved;
}
