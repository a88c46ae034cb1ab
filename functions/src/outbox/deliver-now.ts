/**
 * Inline delivery: the request that enqueued an effect runs it once right away, with the same
 * claim protocol as the worker (deliver.ts: ETag claim, lease, done exactly once, backoff on
 * failure). The queue message that enqueue sent stays in the queue: when the worker receives it,
 * the row is done (message dropped), held (shown again after the lease) or scheduled (shown again
 * when due). A worker may have received that message while we held the lease and hidden it for a
 * whole lease; so after a failed inline attempt a new message is sent, visible when the retry is
 * due (a duplicate message is harmless: the claim protocol runs the effect once).
 */
import type { OutboxContext } from "./context.js";
import { type Decision, deliver } from "./deliver.js";
import { type EffectHandlers, encodeMessage } from "./types.js";

export async function deliverNow(
  ctx: OutboxContext,
  id: string,
  schoolId: string,
  handlers: EffectHandlers,
): Promise<Decision> {
  const message = { v: 1 as const, id, schoolId };
  const decision = await deliver(ctx, message, handlers);
  if (decision.action === "retryLater" && decision.outcome === "retried") {
    const queue = await ctx.queue();
    await queue.sendMessage(encodeMessage(message), { visibilityTimeout: decision.delaySeconds });
  }
  return decision;
}
