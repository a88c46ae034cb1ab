/** One survey's recipient rows: one paged listing of the id prefix `<surveyId>.` (partition = school). */
import type { StoredEntity } from "../storage/index.js";
import { listAll } from "../storage/list-all.js";
import type { SurveysDeps } from "./deps.js";
import { type SurveyRecipientRow, surveysRepos } from "./entities.js";

export async function listRecipients(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  surveyId: string,
): Promise<StoredEntity<SurveyRecipientRow>[]> {
  return listAll(surveysRepos(deps.storage).recipients, schoolId, { idPrefix: `${surveyId}.` });
}

/** Runs `fn` over `items`, at most `limit` at a time; every item is tried, the first failure thrown at the end. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

export const recipientKeyOfOid = (oid: string) => `u-${oid}`;
export const guardianKey = (guardianNumber: string, studentNumber: string) => `g-${guardianNumber}-${studentNumber}`;
