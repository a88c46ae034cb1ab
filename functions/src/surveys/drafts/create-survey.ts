/** A new survey (draft): the definition checked, the deadline in the future; audited survey.created. */
import { randomBytes } from "node:crypto";
import { ensureCan, KomuError, type Principal, SurveyDefinition } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";

export const newSurveyId = (now: Date) => `s${now.getTime().toString(36)}${randomBytes(5).toString("hex")}`;

export function ensureFutureDeadline(deadline: string, now: Date): void {
  if (Date.parse(deadline) <= now.getTime())
    throw new KomuError("SURVEY_DEADLINE_PAST", { details: { deadline, now: now.toISOString() } });
}

export async function createSurvey(
  deps: Pick<SurveysDeps, "storage" | "clock">,
  req: { schoolId: string; principal: Principal; input: SurveyDefinition },
): Promise<StoredEntity<SurveyRow>> {
  const { schoolId, principal } = req;
  ensureCan(principal, "survey.create", { schoolId });
  const def = SurveyDefinition.parse(req.input);
  const now = deps.clock();
  ensureFutureDeadline(def.deadline, now);
  const id = newSurveyId(now);
  const row = await surveysRepos(deps.storage).surveys.create(schoolId, id, {
    title: def.title,
    description: def.description,
    questions: def.questions,
    anonymous: def.anonymous,
    deadline: def.deadline,
    audience: def.audience,
    reminders: def.reminders,
    ...(def.templateId ? { templateId: def.templateId } : {}),
    status: "draft",
    source: { kind: "komu" },
    ownerOid: principal.oid,
    ownerName: principal.name,
    openedAt: null,
    closedAt: null,
    recipientCount: 0,
    scheduledRemindersSent: [],
  });
  await deps.storage.audit.append(schoolId, {
    kind: "survey.created",
    actor: { oid: principal.oid, name: principal.name },
    target: { kind: "survey", id },
    data: { title: def.title, audience: def.audience.kind, anonymous: def.anonymous, source: "komu" },
  });
  return row;
}
