/**
 * Two ways to drive `deliver`:
 *  - `processOnce` / `startWorker`: we own the queue messages. A received message is invisible
 *    for the lease; afterwards it is deleted, or made visible again after the backoff with
 *    `updateMessage` (same message, new visibility timeout).
 *  - `handleQueueItem`: the Azure Functions queue trigger owns the message (it deletes it when we
 *    return and retries it when we throw). A retry is therefore a NEW message sent with
 *    `visibilityTimeout` = the backoff, and the trigger's message is allowed to complete.
 */
import type { QueueClient } from "@azure/storage-queue";
import { isNotFound } from "../storage/rest-errors.js";
import type { OutboxContext } from "./context.js";
import { type Decision, deliver } from "./deliver.js";
import { decodeMessage, type EffectHandlers, encodeMessage, type ProcessResult } from "./types.js";

export interface ProcessOnceOptions {
  handlers: EffectHandlers;
  /** Messages to take in this round (1–32, default 16). */
  maxMessages?: number;
}

const emptyResult = (): ProcessResult => ({
  received: 0,
  delivered: 0,
  retried: 0,
  deadLettered: 0,
  postponed: 0,
  skipped: 0,
});

function tally(result: ProcessResult, d: Decision): void {
  switch (d.outcome) {
    case "delivered":
      result.delivered += 1;
      break;
    case "retried":
      result.retried += 1;
      break;
    case "deadLettered":
      result.deadLettered += 1;
      break;
    case "postponed":
      result.postponed += 1;
      break;
    default:
      result.skipped += 1;
  }
}

async function settle(queue: QueueClient, messageId: string, popReceipt: string, d: Decision): Promise<void> {
  try {
    if (d.action === "delete") await queue.deleteMessage(messageId, popReceipt);
    else await queue.updateMessage(messageId, popReceipt, undefined, d.delaySeconds);
  } catch (e) {
    // The pop receipt is stale: the message became visible and someone else has it now.
    if (!isNotFound(e) && (e as { statusCode?: number }).statusCode !== 400) throw e;
  }
}

export async function processOnce(ctx: OutboxContext, opts: ProcessOnceOptions): Promise<ProcessResult> {
  const queue = await ctx.queue();
  const n = Math.min(32, Math.max(1, Math.trunc(opts.maxMessages ?? 16)));
  const received = await queue.receiveMessages({ numberOfMessages: n, visibilityTimeout: ctx.opts.leaseSeconds });
  const result = emptyResult();
  result.received = received.receivedMessageItems.length;
  await Promise.all(
    received.receivedMessageItems.map(async (m) => {
      const msg = decodeMessage(m.messageText);
      if (!msg) {
        ctx.logger.warn("outbox: dropping unreadable queue message", { messageId: m.messageId });
        await settle(queue, m.messageId, m.popReceipt, { action: "delete", outcome: "skipped" });
        result.skipped += 1;
        return;
      }
      let decision: Decision;
      try {
        decision = await deliver(ctx, msg, opts.handlers);
      } catch (e) {
        // Storage trouble: leave the message; it comes back after the lease.
        ctx.logger.warn("outbox: delivery failed, message will reappear", { id: msg.id, error: String(e) });
        return;
      }
      tally(result, decision);
      await settle(queue, m.messageId, m.popReceipt, decision);
    }),
  );
  return result;
}

export interface Worker {
  stop(): Promise<void>;
}

export function startWorker(ctx: OutboxContext, opts: ProcessOnceOptions & { pollIntervalMs?: number }): Worker {
  const poll = opts.pollIntervalMs ?? 1000;
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((res) => {
      const t = setTimeout(res, ms);
      wake = () => {
        clearTimeout(t);
        res();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      try {
        const r = await processOnce(ctx, opts);
        if (r.received === 0) await sleep(poll);
      } catch (e) {
        ctx.logger.warn("outbox worker round failed", { error: String(e) });
        await sleep(poll * 2);
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/** For the Functions queue trigger: returns normally unless storage itself failed. */
export async function handleQueueItem(
  ctx: OutboxContext,
  item: unknown,
  handlers: EffectHandlers,
): Promise<Decision | null> {
  const msg = decodeMessage(item);
  if (!msg) {
    ctx.logger.warn("outbox: dropping unreadable queue item");
    return null;
  }
  const decision = await deliver(ctx, msg, handlers);
  if (decision.action === "retryLater") {
    const queue = await ctx.queue();
    await queue.sendMessage(encodeMessage(msg), { visibilityTimeout: decision.delaySeconds });
  }
  return decision;
}
