/**
 * Sends a draft (If-Match): the audience resolved now, one recipient row per person written
 * (create-if-missing, so a retry after a lost reply completes), then the survey row becomes open
 * with its recipient count under the ETag, audited, and ONE outbox effect `surveys.cards` (dedupe
 * `<surveyId>:open`) brings each staff member / student their card. Opening an open survey again
 * answers the survey as it is (idempotent).
 */
import { KomuError, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, loadSurveyFor } from "../access.js";
import { resolveAudience } from "../audience/resolve-audience.js";
import { SURVEYS_CARDS_EFFECT } from "../cards/send-effect.js";
import type { SurveysDeps } from "../deps.js";
import { ensureFutureDeadline } from "../drafts/create-survey.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { enqueueAndDeliver } from "./enqueue.js";
import { dropOtherRecipients, writeRecipients } from "./write-recipients.js";

export async function openSurvey(
  deps: SurveysDeps,
  req: { schoolId: string; surveyId: string; principal: Principal; etag: string },
): Promise<StoredEntity<SurveyRow>> {
  const { schoolId, surveyId, principal } = req;
  const row = await loadSurveyFor(deps, principal, schoolId, surveyId, "manage");
  if (row.data.status === "open") {
    // A repeated open (a retry after a lost reply): make sure the cards are on their way.
    await enqueueCards(deps, schoolId, surveyId);
    return row;
  }
  if (row.data.status !== "draft") throw new KomuError("SURVEY_NOT_DRAFT", { details: { status: row.data.status } });
  ensureEtag(row, req.etag);
  const now = deps.clock();
  ensureFutureDeadline(row.data.deadline, now);
  const audience = await resolveAudience(deps, schoolId, row.data.audience);
  if (audience.recipients.length === 0)
    throw new KomuError("SURVEY_AUDIENCE_EMPTY", { details: { audience: row.data.audience.kind } });
  await writeRecipients(deps, schoolId, surveyId, audience.recipients);
  await dropOtherRecipients(deps, schoolId, surveyId, new Set(audience.recipients.map((r) => r.key)));
  const saved = await surveysRepos(deps.storage).surveys.update(
    schoolId,
    surveyId,
    { ...row.data, status: "open", openedAt: now.toISOString(), recipientCount: audience.recipients.length },
    req.etag,
  );
  await deps.storage.audit.append(schoolId, {
    kind: "survey.changed",
    actor: { oid: principal.oid, name: principal.name },
    target: { kind: "survey", id: surveyId },
    data: { what: "opened", recipients: audience.recipients.length },
  });
  await enqueueCards(deps, schoolId, surveyId);
  return saved;
}

async function enqueueCards(deps: SurveysDeps, schoolId: string, surveyId: string) {
  await enqueueAndDeliver(deps, {
    kind: SURVEYS_CARDS_EFFECT,
    schoolId,
    payload: { surveyId },
    dedupeKey: `${surveyId}:open`,
  });
}
