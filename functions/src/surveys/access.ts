/**
 * Who may manage or read a survey: its owner (the creator, while they may create surveys in the
 * school) or whoever has `survey.oversee` there (principal, vice principal, board). Students never
 * manage. A refusal is FORBIDDEN naming the school and capability, so the API records it in the
 * school's audit log as `auth.denied` (http/audit-denied.ts), like approvals and records.
 */
import { can, ensureCan, KomuError, type Principal } from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import type { SurveysDeps } from "./deps.js";
import { type SurveyRow, surveysRepos } from "./entities.js";

export type SurveyAccess = "manage" | "read";

/** May this principal manage (or read the management views of) this survey? */
export function canManage(principal: Principal, schoolId: string, survey: Pick<SurveyRow, "ownerOid">): boolean {
  if (can(principal, "survey.oversee", { schoolId })) return true;
  return survey.ownerOid === principal.oid && can(principal, "survey.create", { schoolId });
}

/** The survey row, or FORBIDDEN (recorded) / NOT_FOUND. */
export async function loadSurveyFor(
  deps: Pick<SurveysDeps, "storage">,
  principal: Principal,
  schoolId: string,
  surveyId: string,
  _mode: SurveyAccess,
): Promise<StoredEntity<SurveyRow>> {
  if (!can(principal, "survey.oversee", { schoolId })) ensureCan(principal, "survey.create", { schoolId });
  const row = await surveysRepos(deps.storage).surveys.get(schoolId, surveyId);
  if (!row) throw new KomuError("NOT_FOUND", { details: { kind: "survey", id: surveyId } });
  if (!canManage(principal, schoolId, row.data))
    throw new KomuError("FORBIDDEN", { details: { capability: "survey.oversee", schoolId } });
  return row;
}

/** ETag check for a state change (STALE_ETAG when the caller's copy is old). */
export function ensureEtag(row: StoredEntity<SurveyRow>, etag: string): void {
  if (row.etag !== etag) throw new KomuError("STALE_ETAG", { details: { kind: "survey", id: row.id } });
}
