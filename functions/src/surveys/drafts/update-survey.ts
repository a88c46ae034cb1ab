/** Edits a draft (If-Match; owner or survey.oversee): the whole definition replaced; audited survey.changed. */
import { KomuError, type Principal, SurveyDefinition } from "@komu/shared";
import { diffChanges } from "@komu/shared/audit/events";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { dropOtherRecipients } from "../open/write-recipients.js";
import { ensureFutureDeadline } from "./create-survey.js";

export async function updateSurvey(
  deps: Pick<SurveysDeps, "storage" | "clock">,
  req: { schoolId: string; surveyId: string; principal: Principal; input: SurveyDefinition; etag: string },
): Promise<StoredEntity<SurveyRow>> {
  const { schoolId, surveyId, principal } = req;
  const row = await loadSurveyFor(deps, principal, schoolId, surveyId, "manage");
  ensureEtag(row, req.etag);
  if (row.data.status !== "draft" || row.data.source.kind !== "komu")
    throw new KomuError("SURVEY_NOT_DRAFT", { details: { status: row.data.status } });
  const def = SurveyDefinition.parse(req.input);
  ensureFutureDeadline(def.deadline, deps.clock());
  const { templateId: _t, ...rest } = row.data;
  const next: SurveyRow = {
    ...rest,
    title: def.title,
    description: def.description,
    questions: def.questions,
    anonymous: def.anonymous,
    deadline: def.deadline,
    audience: def.audience,
    reminders: def.reminders,
    ...(def.templateId ? { templateId: def.templateId } : {}),
  };
  const saved = await surveysRepos(deps.storage).surveys.update(schoolId, surveyId, next, req.etag);
  // Questions are summarised (their count), so a long survey's edit does not fill the audit log.
  const changes = diffChanges(row.data, saved.data, ["questions"]);
  if (JSON.stringify(row.data.questions) !== JSON.stringify(saved.data.questions))
    changes.questions = { from: `${row.data.questions.length}問`, to: `${saved.data.questions.length}問（変更あり）` };
  if (Object.keys(changes).length > 0)
    await deps.storage.audit.append(schoolId, {
      kind: "survey.changed",
      actor: { oid: principal.oid, name: principal.name },
      target: { kind: "survey", id: surveyId },
      data: { what: "definition", changes },
    });
  return saved;
}

export async function deleteSurvey(
  deps: Pick<SurveysDeps, "storage">,
  req: { schoolId: string; surveyId: string; principal: Principal; etag: string },
): Promise<void> {
  const { schoolId, surveyId, principal } = req;
  const row = await loadSurveyFor(deps, principal, schoolId, surveyId, "manage");
  ensureEtag(row, req.etag);
  if (row.data.status !== "draft") throw new KomuError("SURVEY_NOT_DRAFT", { details: { status: row.data.status } });
  await surveysRepos(deps.storage).surveys.delete(schoolId, surveyId, req.etag);
  // Rows an interrupted open may have left (a draft has no answers).
  await dropOtherRecipients(deps, schoolId, surveyId, new Set());
  await deps.storage.audit.append(schoolId, {
    kind: "survey.changed",
    actor: { oid: principal.oid, name: principal.name },
    target: { kind: "survey", id: surveyId },
    data: { what: "deleted" },
  });
}
