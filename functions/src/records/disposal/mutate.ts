/**
 * Read → change → write with the row's ETag, again on STALE_ETAG (several effects of one disposal
 * update its items concurrently). `change` sees the current row and returns the fields to merge,
 * or null when there is nothing to do (the write is skipped: repeats are no-ops).
 */
import { isKomuError, KomuError } from "@komu/shared";
import type { EntityRepo, StoredEntity } from "../../storage/index.js";

export async function mutate<T>(
  repo: EntityRepo<T>,
  schoolId: string,
  id: string,
  change: (current: StoredEntity<T>) => Partial<T> | null,
  attempts = 25,
): Promise<StoredEntity<T>> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await repo.require(schoolId, id);
    const patch = change(current);
    if (!patch) return current;
    try {
      return await repo.update(schoolId, id, patch, current.etag, { mode: "merge" });
    } catch (e) {
      if (!isKomuError(e) || e.code !== "STALE_ETAG") throw e;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** attempt)));
    }
  }
  throw new KomuError("CONFLICT", {
    details: { kind: repo.kind, id, reason: "too many concurrent updates" },
    retryAfter: 1,
  });
}
