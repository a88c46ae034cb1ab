/** What the outbox use cases share: clients, clock, resolved options, counters. */
import type { TableClient } from "@azure/data-tables";
import type { QueueClient } from "@azure/storage-queue";
import type { AuditEventInput } from "@komu/shared/audit/events";
import type { OutboxOptions, OutboxStats } from "./types.js";

export interface AuditSink {
  append(schoolId: string, event: AuditEventInput): Promise<unknown>;
}

export interface OutboxLogger {
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface OutboxContext {
  rows(): Promise<TableClient>;
  deadLetters(): Promise<TableClient>;
  queue(): Promise<QueueClient>;
  clock: () => Date;
  opts: Required<OutboxOptions>;
  audit: AuditSink | undefined;
  logger: OutboxLogger;
  counters: OutboxStats["process"];
}

export const SYSTEM_ACTOR = { oid: "system", name: "Kōmu" } as const;

export function resolveOptions(o: OutboxOptions = {}): Required<OutboxOptions> {
  return {
    maxAttempts: o.maxAttempts ?? 8,
    baseDelayMs: o.baseDelayMs ?? 2000,
    maxDelayMs: o.maxDelayMs ?? 15 * 60_000,
    leaseSeconds: o.leaseSeconds ?? 60,
    sweepGraceMs: o.sweepGraceMs ?? 10 * 60_000,
    doneRetentionMs: o.doneRetentionMs ?? 30 * 24 * 3600_000,
    random: o.random ?? Math.random,
  };
}
