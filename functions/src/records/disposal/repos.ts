/** Small helpers of the registers and the disposal: every page of a list, bounded parallel work. */
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

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
