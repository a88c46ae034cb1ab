/** Every row of a listing, page after page (1000 a page), for the places that need them all. */
import type { EntityRepo, ListOptions, StoredEntity } from "./entity-store.js";

export async function listAll<T>(
  repo: Pick<EntityRepo<T>, "list">,
  schoolId: string,
  opts: { where?: ListOptions["where"] | undefined; idPrefix?: string | undefined } = {},
): Promise<StoredEntity<T>[]> {
  const out: StoredEntity<T>[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await repo.list(schoolId, {
      limit: 1000,
      ...(opts.where ? { where: opts.where } : {}),
      ...(opts.idPrefix ? { idPrefix: opts.idPrefix } : {}),
      ...(continuationToken ? { continuationToken } : {}),
    });
    out.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return out;
}
