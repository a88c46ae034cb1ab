/**
 * Moves an approved 廃棄予定一覧 forward; safe to run any number of times (after the decision, by the
 * `records.disposalDispatch` effect, and daily by the `records-disposal` job):
 *  1. items waiting for their 保存期限 whose retention has now fully passed become "pending";
 *     a list with no open item left becomes "completed";
 *  2. the records of open items leave "filed" for "disposalApproved" (no new versions, not offered
 *     as candidates again);
 *  3. one `records.dispose` effect per pending item (dedupe disposal + record).
 */
import { retentionExpired } from "@komu/shared";
import type { Storage } from "../../storage/index.js";
import { disposalEntity, recordEntity } from "../entities.js";
import { mutate } from "./mutate.js";
import { forEachLimit } from "./repos.js";
import { isOpenItem, itemRetentionEnd } from "./retention-of.js";

export const DISPOSE_EFFECT = "records.dispose";
export const DISPATCH_EFFECT = "records.disposalDispatch";

export interface DispatchDeps {
  storage: Pick<Storage, "entities" | "outbox">;
}

export interface DisposePayload {
  disposalId: string;
  recordId: string;
}

export async function dispatchDisposal(
  deps: DispatchDeps,
  schoolId: string,
  disposalId: string,
  now: Date,
): Promise<{ enqueued: number; awaiting: number }> {
  const disposal = await mutate(deps.storage.entities.repo(disposalEntity), schoolId, disposalId, (current) => {
    if (current.data.status !== "approved") return null;
    let changed = false;
    const items = current.data.items.map((item) => {
      if (item.status !== "awaitingExpiry" || !retentionExpired(itemRetentionEnd(item), now)) return item;
      changed = true;
      return { ...item, status: "pending" as const };
    });
    if (!items.some(isOpenItem)) return { items, status: "completed" as const };
    return changed ? { items } : null;
  });
  if (disposal.data.status !== "approved") return { enqueued: 0, awaiting: 0 };

  const open = disposal.data.items.filter(isOpenItem);
  const records = deps.storage.entities.repo(recordEntity);
  await forEachLimit(open, 8, async (item) => {
    const exists = await records.get(schoolId, item.recordId);
    if (exists?.data.status !== "filed") return; // a missing or changed record: the effect deals with it
    await mutate(records, schoolId, item.recordId, (r) =>
      r.data.status === "filed" ? { status: "disposalApproved" as const, disposalId } : null,
    );
  });
  const pending = open.filter((i) => i.status === "pending");
  await forEachLimit(pending, 8, async (item) => {
    const payload: DisposePayload = { disposalId, recordId: item.recordId };
    await deps.storage.outbox.enqueue({
      kind: DISPOSE_EFFECT,
      schoolId,
      payload,
      dedupeKey: `${disposalId}:${item.recordId}`,
    });
  });
  return { enqueued: pending.length, awaiting: open.length - pending.length };
}
