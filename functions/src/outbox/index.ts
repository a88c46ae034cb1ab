/**
 * Kōmu's durable outbox: side effects (Graph writes, bot messages) are recorded in a table and
 * signalled on a Storage queue; a worker delivers each one with retries (exponential backoff with
 * jitter, never sooner than Retry-After), marks it done exactly once (ETag-guarded) and moves
 * what keeps failing to a dead-letter table that an admin can list and replay. See deliver.ts for
 * the protocol and sweep.ts for lost-message recovery.
 */
import type { TableClient } from "@azure/data-tables";
import type { QueueClient } from "@azure/storage-queue";
import { type AuditSink, type OutboxContext, type OutboxLogger, resolveOptions } from "./context.js";
import { listDeadLetters, replay } from "./dead-letter.js";
import type { Decision } from "./deliver.js";
import { deliverNow } from "./deliver-now.js";
import { enqueue } from "./enqueue.js";
import { stats } from "./stats.js";
import { type SweepResult, sweep } from "./sweep.js";
import type {
  DeadLetter,
  EffectHandlers,
  EnqueueInput,
  EnqueueResult,
  OutboxOptions,
  OutboxStats,
  ProcessResult,
} from "./types.js";
import { handleQueueItem, processOnce, startWorker, type Worker } from "./worker.js";

export type { AuditSink, OutboxLogger } from "./context.js";
export type { Decision } from "./deliver.js";
export * from "./errors.js";
export type { SweepResult } from "./sweep.js";
export * from "./types.js";
export type { Worker } from "./worker.js";

export interface Outbox {
  /** The full name of the queue (for the Functions trigger registration). */
  readonly queueName: string;
  enqueue(input: EnqueueInput): Promise<EnqueueResult>;
  processOnce(opts: { handlers: EffectHandlers; maxMessages?: number }): Promise<ProcessResult>;
  startWorker(opts: { handlers: EffectHandlers; maxMessages?: number; pollIntervalMs?: number }): Worker;
  /**
   * Run one enqueued effect now, in this request (same claim protocol as the worker). "delivered"
   * when it ran and is done; otherwise the worker delivers (or retries) it later.
   */
  deliverNow(id: string, schoolId: string, handlers: EffectHandlers): Promise<Decision>;
  /** Drive one message delivered by the Azure Functions queue trigger. */
  handleQueueItem(item: unknown, handlers: EffectHandlers): Promise<Decision | null>;
  sweep(now?: Date): Promise<SweepResult>;
  listDeadLetters(schoolId?: string, limit?: number): Promise<DeadLetter[]>;
  replay(
    id: string,
    opts?: { schoolId?: string; actor?: { oid: string; name: string } },
  ): Promise<{ id: string; schoolId: string }>;
  stats(): Promise<OutboxStats>;
}

export interface CreateOutboxDeps {
  rows: () => Promise<TableClient>;
  deadLetters: () => Promise<TableClient>;
  queue: () => Promise<QueueClient>;
  queueName: string;
  clock: () => Date;
  audit?: AuditSink;
  logger?: OutboxLogger;
  options?: OutboxOptions;
}

const consoleLogger: OutboxLogger = { warn: (m, d) => console.warn(`[outbox] ${m}`, d ?? "") };

export function createOutbox(deps: CreateOutboxDeps): Outbox {
  const ctx: OutboxContext = {
    rows: deps.rows,
    deadLetters: deps.deadLetters,
    queue: deps.queue,
    clock: deps.clock,
    opts: resolveOptions(deps.options),
    audit: deps.audit,
    logger: deps.logger ?? consoleLogger,
    counters: { delivered: 0, retried: 0, deadLettered: 0, postponed: 0, skipped: 0, lostLease: 0 },
  };
  return {
    queueName: deps.queueName,
    enqueue: (input) => enqueue(ctx, input),
    processOnce: (opts) => processOnce(ctx, opts),
    startWorker: (opts) => startWorker(ctx, opts),
    handleQueueItem: (item, handlers) => handleQueueItem(ctx, item, handlers),
    deliverNow: (id, schoolId, handlers) => deliverNow(ctx, id, schoolId, handlers),
    sweep: (now) => sweep(ctx, now),
    listDeadLetters: (schoolId, limit) => listDeadLetters(ctx, schoolId, limit),
    replay: (id, opts) => replay(ctx, id, opts),
    stats: () => stats(ctx),
  };
}
