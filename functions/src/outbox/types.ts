import { z } from "zod";

export interface EffectInfo {
  /** The effect's stable id (derived from school, kind and dedupeKey): use it to make the handler idempotent. */
  id: string;
  kind: string;
  schoolId: string;
  dedupeKey: string;
  /** 1 for the first try. */
  attempt: number;
  /**
   * Aborted when the attempt runs out of time (80 % of the lease): pass it to fetch / the Graph
   * client and stop. The row stays leased until a full lease after the timeout, so a handler that
   * ignores it is not run twice at once, but it must still finish or give up within that lease.
   */
  signal: AbortSignal;
}

/** Handlers must be idempotent: a crash after the effect but before "done" runs it again. */
export type EffectHandler = (payload: unknown, attempt: number, info: EffectInfo) => Promise<void>;
export type EffectHandlers = Record<string, EffectHandler>;

export interface EnqueueInput {
  kind: string;
  schoolId: string;
  payload: unknown;
  /** Enqueueing the same (schoolId, kind, dedupeKey) again is a no-op. */
  dedupeKey: string;
}

export interface EnqueueResult {
  id: string;
  /** false when an effect with this dedupe key already existed. */
  created: boolean;
}

export type OutboxStatus = "pending" | "done" | "dead";

export interface DeadLetter {
  id: string;
  schoolId: string;
  kind: string;
  dedupeKey: string;
  payload: unknown;
  attempts: number;
  lastError: string;
  createdAt: string;
  firstAttemptAt?: string;
  lastAttemptAt?: string;
  deadLetteredAt: string;
}

export interface OutboxStats {
  pending: number;
  done: number;
  dead: number;
  deadLetters: number;
  queueApproximateMessages: number;
  /** Counters of this process since start. */
  process: {
    delivered: number;
    retried: number;
    deadLettered: number;
    postponed: number;
    skipped: number;
    lostLease: number;
  };
}

export interface ProcessResult {
  received: number;
  delivered: number;
  retried: number;
  deadLettered: number;
  postponed: number;
  skipped: number;
}

export interface OutboxOptions {
  /** Attempts before dead-lettering (default 8). */
  maxAttempts?: number;
  /** Backoff base / cap in ms (defaults 2 s / 15 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a worker owns a received effect (message visibility and row lease), default 60 s. */
  leaseSeconds?: number;
  /** A pending effect overdue by this much is re-enqueued by the sweeper (default 10 min). */
  sweepGraceMs?: number;
  /** Done rows older than this are deleted by the sweeper (default 30 days). */
  doneRetentionMs?: number;
  random?: () => number;
}

/** The queue message: a pointer to the outbox row (the payload stays in the table). */
export const outboxMessageSchema = z.object({ v: z.literal(1), id: z.string().min(1), schoolId: z.string().min(1) });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const encodeMessage = (m: OutboxMessage): string => Buffer.from(JSON.stringify(m), "utf8").toString("base64");

/** Accepts base64 JSON (what we send), plain JSON text, or an already parsed object (Functions trigger). */
export function decodeMessage(input: unknown): OutboxMessage | null {
  let value: unknown = input;
  if (typeof input === "string") {
    const text = /^\s*\{/.test(input) ? input : Buffer.from(input, "base64").toString("utf8");
    try {
      value = JSON.parse(text);
    } catch {
      return null;
    }
  }
  const r = outboxMessageSchema.safeParse(value);
  return r.success ? r.data : null;
}
