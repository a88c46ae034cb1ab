/** Paged reads of the records module's rows, all pages (a school's partition). */
import type { EntityRepo, ListOptions, StoredEntity } from "../../storage/index.js";

export async function listAll<T>(repo: EntityRepo<T>, schoolId: string, where: ListOptions["where"]) {
  const out: StoredEntity<T>[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await repo.list(schoolId, {
      limit: 1000,
      ...(where ? { where } : {}),
      ...(continuationToken ? { continuationToken } : {}),
    });
    out.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return out;
}
