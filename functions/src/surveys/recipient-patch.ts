/** Changes one recipient row under its ETag, re-reading on a race (the person answering meanwhile). */
import { isKomuError } from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import type { SurveysDeps } from "./deps.js";
import { type SurveyRecipientRow, surveysRepos } from "./entities.js";

export async function patchRecipient(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  id: string,
  change: (row: SurveyRecipientRow) => SurveyRecipientRow | null,
): Promise<StoredEntity<SurveyRecipientRow> | null> {
  const repo = surveysRepos(deps.storage).recipients;
  for (let attempt = 0; ; attempt++) {
    const row = await repo.get(schoolId, id);
    if (!row) return null;
    const next = change(row.data);
    if (!next) return row;
    try {
      return await repo.update(schoolId, id, next, row.etag);
    } catch (e) {
      if (attempt < 5 && isKomuError(e) && e.code === "STALE_ETAG") continue;
      throw e;
    }
  }
}
