/**
 * Inline delivery: the request that enqueued an effect runs it once right away, with the same
 * claim protocol as the worker (deliver.ts: ETag claim, lease, done exactly once, backoff on
 * failure). The queue message that enqueue sent stays in the queue: when the worker receives it,
 * the row is done (message dropped), or held by us (shown again after the lease), or scheduled
 * for a retry (shown again when due) — so a failed inline attempt is retried by the worker.
 */
import type { OutboxContext } from "./context.js";
import { type Decision, deliver } from "./deliver.js";
import type { EffectHandlers } from "./types.js";

export function deliverNow(
  ctx: OutboxContext,
  id: string,
  schoolId: string,
  handlers: EffectHandlers,
): Promise<Decision> {
  return deliver(ctx, { v: 1, id, schoolId }, handlers);
}
