/** Counts for an admin page / metrics: rows by status (a scan of the status column), dead letters, queue depth. */
import type { OutboxContext } from "./context.js";
import type { OutboxStats } from "./types.js";

export async function stats(ctx: OutboxContext): Promise<OutboxStats> {
  const rows = await ctx.rows();
  const counts = { pending: 0, done: 0, dead: 0 };
  for await (const row of rows.listEntities<{ status: string }>({ queryOptions: { select: ["status"] } })) {
    if (row.status === "pending" || row.status === "done" || row.status === "dead") counts[row.status] += 1;
  }
  let deadLetters = 0;
  const dead = await ctx.deadLetters();
  for await (const _ of dead.listEntities({ queryOptions: { select: ["RowKey"] } })) deadLetters += 1;
  const queue = await ctx.queue();
  const props = await queue.getProperties();
  return {
    ...counts,
    deadLetters,
    queueApproximateMessages: props.approximateMessagesCount ?? 0,
    process: { ...ctx.counters },
  };
}
