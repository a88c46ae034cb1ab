/**
 * The outbox sweeper (a timer job):
 *  - re-sends a message for every pending row that is overdue by more than `sweepGraceMs` and
 *    not held by a worker (its message was lost: crash between row write and send, or a
 *    worker died after a reschedule) and not swept within the grace period. It first records
 *    `sweptAt` (ETag-guarded, so two sweepers do not both send), then sends. Extra messages are harmless: claims are
 *    ETag-guarded and a message for a finished row is dropped.
 *  - deletes done rows older than `doneRetentionMs`.
 */
import type { TableEntityResult } from "@azure/data-tables";
import { isNotFound, isPreconditionFailed } from "../storage/rest-errors.js";
import type { OutboxContext } from "./context.js";
import type { OutboxRow } from "./rows.js";
import { encodeMessage } from "./types.js";

export interface SweepResult {
  requeued: number;
  purged: number;
}

export async function sweep(ctx: OutboxContext, now: Date = ctx.clock()): Promise<SweepResult> {
  const rows = await ctx.rows();
  const queue = await ctx.queue();
  const overdue = new Date(now.getTime() - ctx.opts.sweepGraceMs).toISOString();
  const result: SweepResult = { requeued: 0, purged: 0 };

  const stuck: TableEntityResult<OutboxRow>[] = [];
  for await (const row of rows.listEntities<OutboxRow>({
    queryOptions: {
      filter: `status eq 'pending' and nextAttemptAt lt '${overdue}'`,
      select: ["PartitionKey", "RowKey", "leaseUntil", "nextAttemptAt", "status", "sweptAt"],
    },
  })) {
    if (row.leaseUntil && row.leaseUntil > overdue) continue; // a worker holds it (or did very recently)
    if (typeof row.sweptAt === "string" && row.sweptAt > overdue) continue; // re-sent recently
    stuck.push(row);
  }
  for (const row of stuck) {
    try {
      await rows.updateEntity(
        { partitionKey: row.partitionKey, rowKey: row.rowKey, sweptAt: now.toISOString() },
        "Merge",
        { etag: row.etag },
      );
    } catch (e) {
      if (isPreconditionFailed(e) || isNotFound(e)) continue; // it moved: not stuck
      throw e;
    }
    await queue.sendMessage(encodeMessage({ v: 1, id: row.rowKey, schoolId: row.partitionKey }));
    result.requeued += 1;
  }

  const purgeBefore = new Date(now.getTime() - ctx.opts.doneRetentionMs).toISOString();
  for await (const row of rows.listEntities<OutboxRow>({
    queryOptions: { filter: `status eq 'done' and doneAt lt '${purgeBefore}'`, select: ["PartitionKey", "RowKey"] },
  })) {
    try {
      await rows.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag });
      result.purged += 1;
    } catch (e) {
      if (!isPreconditionFailed(e) && !isNotFound(e)) throw e;
    }
  }
  return result;
}
