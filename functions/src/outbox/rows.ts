/**
 * The outbox row (table `komuOutbox`): PartitionKey = schoolId, RowKey = effect id =
 * sha256(kind + "\n" + dedupeKey) (first 40 hex chars), payload as JSON chunks `p0…pN`.
 * Times are UTC ISO strings (they compare correctly as strings in filters).
 */
import type { TableEntityResult } from "@azure/data-tables";
import { sha256Hex } from "../storage/hash.js";
import type { OutboxStatus } from "./types.js";

export interface OutboxRow {
  partitionKey: string;
  rowKey: string;
  kind: string;
  dedupeKey: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string;
  /** "" when nobody holds it. */
  leaseUntil: string;
  lastError?: string;
  firstAttemptAt?: string;
  lastAttemptAt?: string;
  doneAt?: string;
  replays?: number;
  /** Random id of the enqueue that created the row (recognises our own create after a lost reply). */
  enqueueId?: string;
  /** When the sweeper (or a duplicate enqueue) last re-sent the queue message. */
  sweptAt?: string;
  [chunk: string]: unknown;
}

export type StoredRow = TableEntityResult<OutboxRow>;

export const PAYLOAD = "p";

export const effectId = (kind: string, dedupeKey: string): string => sha256Hex(`${kind}\n${dedupeKey}`).slice(0, 40);
