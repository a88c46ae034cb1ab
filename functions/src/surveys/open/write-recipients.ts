/**
 * Writes a survey's recipient rows, 8 at a time, create-if-missing: a row already there (a retry
 * after a lost reply, a second open) is left as it is, so answers and card ids are never reset.
 */
import { isKomuError } from "@komu/shared";
import type { RecipientDraft } from "../audience/resolve-audience.js";
import type { SurveysDeps } from "../deps.js";
import { recipientRowId, surveyRecipientEntity, surveysRepos } from "../entities.js";
import { forEachLimit, listRecipients } from "../recipients.js";

export async function writeRecipients(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  surveyId: string,
  rows: readonly RecipientDraft[],
): Promise<{ created: number; existing: number }> {
  const repo = surveysRepos(deps.storage).recipients;
  let created = 0;
  let existing = 0;
  await forEachLimit(rows, 8, async (row) => {
    const id = recipientRowId(surveyId, row.key);
    const data = surveyRecipientEntity.schema.parse({ ...row, surveyId });
    try {
      await repo.create(schoolId, id, data);
      created++;
    } catch (e) {
      if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
      existing++;
    }
  });
  return { created, existing };
}

/**
 * Deletes a draft's recipient rows other than `keep` (left by an earlier open whose final update
 * lost a race, before the audience was edited): a draft has no answers, so nothing is lost.
 */
export async function dropOtherRecipients(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  surveyId: string,
  keep: ReadonlySet<string>,
): Promise<number> {
  const repo = surveysRepos(deps.storage).recipients;
  const stale = (await listRecipients(deps, schoolId, surveyId)).filter((r) => !keep.has(r.data.key));
  await forEachLimit(stale, 8, async (r) => {
    await repo.delete(schoolId, r.id, r.etag).catch((e) => {
      if (!(isKomuError(e) && (e.code === "NOT_FOUND" || e.code === "STALE_ETAG"))) throw e;
    });
  });
  return stale.length;
}
