/**
 * Writes an import plan, at most `limit` rows at a time. Every write is ETag-guarded; when another
 * import got there first (CONFLICT on create, STALE_ETAG on update) the row is read again and the
 * desired values applied to the new version (a few tries), so two imports of the same export
 * converge instead of failing. Rows already as desired are left alone.
 */
import { isKomuError } from "@komu/shared";
import { forEachLimit } from "../records/disposal/repos.js";
import type { EntityRepo } from "../storage/index.js";
import { type Plan, sameData, type Write } from "./diff.js";

export const WRITE_CONCURRENCY = 8;
const TRIES = 4;

const raced = (e: unknown) =>
  isKomuError(e) && (e.code === "STALE_ETAG" || e.code === "CONFLICT" || e.code === "NOT_FOUND");

async function put<T>(
  repo: EntityRepo<T>,
  schoolId: string,
  write: Write<T>,
  desired: (current: T) => T,
): Promise<void> {
  let attempt: Write<T> = write;
  for (let i = 1; ; i++) {
    try {
      if (attempt.etag === undefined) await repo.create(schoolId, attempt.id, attempt.data);
      else await repo.update(schoolId, attempt.id, attempt.data, attempt.etag);
      return;
    } catch (e) {
      if (!raced(e) || i >= TRIES) throw e;
      const current = await repo.get(schoolId, write.id);
      if (!current) {
        attempt = { id: write.id, data: write.data };
        continue;
      }
      const next = desired(current.data);
      if (sameData(current.data, next)) return;
      attempt = { id: write.id, data: next, etag: current.etag };
    }
  }
}

export async function applyPlan<T extends { active: boolean }>(
  repo: EntityRepo<T>,
  schoolId: string,
  plan: Plan<T>,
  limit = WRITE_CONCURRENCY,
): Promise<void> {
  const jobs: { write: Write<T>; desired: (current: T) => T }[] = [
    ...plan.creates.map((write) => ({ write, desired: () => write.data })),
    ...plan.updates.map((write) => ({ write, desired: () => write.data })),
    ...plan.deactivations.map((write) => ({ write, desired: (current: T) => ({ ...current, active: false }) })),
  ];
  await forEachLimit(jobs, limit, (job) => put(repo, schoolId, job.write, job.desired));
}
