/**
 * Reminds non-responders (リマインド) of an open survey: the given keys, or all of them. Staff and
 * students get the card again through the outbox effect `surveys.remind` (dedupe key = the
 * reminderId, deterministic from the Idempotency-Key when one was sent: a retried request enqueues
 * nothing new); guardians are counted, the school hands out their links. Audited survey.reminded.
 */
import { createHash, randomBytes } from "node:crypto";
import { KomuError, type Principal, type RemindResult } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import type { SurveyRow } from "../entities.js";
import { enqueueAndDeliver } from "../open/enqueue.js";
import { listRecipients } from "../recipients.js";
import { ensureAccepting } from "../respond/save-response.js";
import { SURVEYS_REMIND_EFFECT } from "./remind-effect.js";

export function reminderIdOf(schoolId: string, surveyId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return `r${randomBytes(10).toString("hex")}`;
  return `r${createHash("sha256").update(`${schoolId}\n${surveyId}\n${idempotencyKey}`).digest("hex").slice(0, 20)}`;
}

/** Plans and enqueues one reminder (shared by the API and the schedule). */
export async function sendReminder(
  deps: SurveysDeps,
  survey: StoredEntity<SurveyRow>,
  opts: {
    reminderId: string;
    keys?: readonly string[];
    actor: { oid: string; name: string };
    trigger: "manual" | "schedule";
  },
): Promise<RemindResult> {
  ensureAccepting(survey.data, deps.clock());
  const rows = await listRecipients(deps, survey.schoolId, survey.id);
  const wanted = opts.keys ? new Set(opts.keys) : null;
  const chosen = rows.filter((r) => !wanted || wanted.has(r.data.key));
  if (wanted && chosen.length !== wanted.size) {
    const known = new Set(chosen.map((r) => r.data.key));
    throw new KomuError("VALIDATION_FAILED", {
      details: {
        target: "json",
        issues: [...wanted]
          .filter((k) => !known.has(k))
          .slice(0, 20)
          .map((k) => ({ path: "keys", code: "unknown_key", message: `not a recipient: ${k}` })),
      },
    });
  }
  const pending = chosen.filter((r) => r.data.submittedAt === null);
  const cards = pending.filter((r) => r.data.kind !== "guardian" && r.data.oid).map((r) => r.data.key);
  const guardians = pending.filter((r) => r.data.kind === "guardian").length;
  const result: RemindResult = {
    reminderId: opts.reminderId,
    cards: cards.length,
    guardians,
    skipped: chosen.length - cards.length - guardians,
  };
  if (cards.length > 0)
    await enqueueAndDeliver(deps, {
      kind: SURVEYS_REMIND_EFFECT,
      schoolId: survey.schoolId,
      payload: { surveyId: survey.id, reminderId: opts.reminderId, keys: cards },
      dedupeKey: opts.reminderId,
    });
  await deps.storage.audit.append(survey.schoolId, {
    kind: "survey.reminded",
    actor: opts.actor,
    target: { kind: "survey", id: survey.id },
    data: { reminderId: opts.reminderId, recipients: cards.length + guardians, trigger: opts.trigger },
  });
  return result;
}

export async function remindSurvey(
  deps: SurveysDeps,
  req: {
    schoolId: string;
    surveyId: string;
    principal: Principal;
    keys?: readonly string[];
    idempotencyKey?: string | undefined;
  },
): Promise<RemindResult> {
  const survey = await loadSurveyFor(deps, req.principal, req.schoolId, req.surveyId, "manage");
  if (survey.data.status === "draft") throw new KomuError("SURVEY_NOT_OPEN", { details: { status: "draft" } });
  return sendReminder(deps, survey, {
    reminderId: reminderIdOf(req.schoolId, req.surveyId, req.idempotencyKey),
    ...(req.keys ? { keys: req.keys } : {}),
    actor: { oid: req.principal.oid, name: req.principal.name },
    trigger: "manual",
  });
}
