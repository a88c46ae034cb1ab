/** Changes one row under its ETag, reading it again on a race (STALE_ETAG), at most `retries` times more. */
import { isKomuError } from "@komu/shared";
import type { EntityRepo, StoredEntity } from "./entity-store.js";

/** `change` returning null leaves the row as it is (and returns it); null when there is no such row. */
export async function patchRow<T>(
  repo: Pick<EntityRepo<T>, "get" | "update">,
  schoolId: string,
  id: string,
  change: (row: T) => T | null,
  retries: number,
): Promise<StoredEntity<T> | null> {
  for (let attempt = 0; ; attempt++) {
    const row = await repo.get(schoolId, id);
    if (!row) return null;
    const next = change(row.data);
    if (!next) return row;
    try {
      return await repo.update(schoolId, id, next, row.etag);
    } catch (e) {
      if (attempt < retries && isKomuError(e) && e.code === "STALE_ETAG") continue;
      throw e;
    }
  }
}
