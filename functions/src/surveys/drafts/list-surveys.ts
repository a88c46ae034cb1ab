/**
 * The school's surveys the caller manages: their own (survey.create), or all (survey.oversee);
 * newest first. Counts of answers come from each sent survey's recipient rows.
 */
import { can, ensureCan, type Principal, type SurveyStatus, type SurveySummary } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { listAll } from "../../storage/list-all.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { forEachLimit, listRecipients } from "../recipients.js";
import { surveySummary } from "../view.js";

export async function listSurveyRows(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  where?: Record<string, string>,
): Promise<StoredEntity<SurveyRow>[]> {
  return listAll(surveysRepos(deps.storage).surveys, schoolId, { where });
}

export async function answeredCount(deps: Pick<SurveysDeps, "storage">, row: StoredEntity<SurveyRow>) {
  if (row.data.status === "draft") return 0;
  const recipients = await listRecipients(deps, row.schoolId, row.id);
  return recipients.filter((r) => r.data.submittedAt !== null).length;
}

export async function listSurveys(
  deps: Pick<SurveysDeps, "storage">,
  req: { schoolId: string; principal: Principal; status?: SurveyStatus },
): Promise<{ items: SurveySummary[] }> {
  const { schoolId, principal } = req;
  const oversee = can(principal, "survey.oversee", { schoolId });
  if (!oversee) ensureCan(principal, "survey.create", { schoolId });
  const where: Record<string, string> = oversee ? {} : { ownerOid: principal.oid };
  if (req.status) where.status = req.status;
  const rows = (await listSurveyRows(deps, schoolId, Object.keys(where).length ? where : undefined))
    .filter((r) => (req.status ? r.data.status === req.status : true))
    .filter((r) => oversee || r.data.ownerOid === principal.oid)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const answered = new Map<string, number>();
  await forEachLimit(rows, 8, async (r) => {
    answered.set(r.id, await answeredCount(deps, r));
  });
  return { items: rows.map((r) => surveySummary(r, answered.get(r.id) ?? 0)) };
}
