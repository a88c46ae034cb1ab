/** Changes one recipient row under its ETag, re-reading on a race (the person answering meanwhile). */
import type { StoredEntity } from "../storage/index.js";
import { patchRow } from "../storage/patch-row.js";
import type { SurveysDeps } from "./deps.js";
import { type SurveyRecipientRow, surveysRepos } from "./entities.js";

export async function patchRecipient(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  id: string,
  change: (row: SurveyRecipientRow) => SurveyRecipientRow | null,
): Promise<StoredEntity<SurveyRecipientRow> | null> {
  return patchRow(surveysRepos(deps.storage).recipients, schoolId, id, change, 5);
}
