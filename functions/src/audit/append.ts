/**
 * Appends one event to a school's chain without ever forking it:
 * read the head hint (seq, hash) → create the row for seq+1 (an atomic create). If that seq is
 * taken (a concurrent append, or a head left behind by a crash), read the row that holds it,
 * step forward and try the next seq; if the row holding it is our own event (a create whose reply
 * was lost and that the SDK retried), the append is done. The head is updated afterwards with its
 * ETag, only ever forwards; if that update is lost, the next append walks forward from the stale
 * head.
 */
import { randomUUID } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { KomuError } from "@komu/shared";
import { type AuditEvent, type AuditEventInput, auditEventSchema } from "@komu/shared/audit/events";
import { encodeJson, type Props } from "../storage/codec.js";
import { checkSchoolId } from "../storage/keys.js";
import { isConflict, isNotFound, isPreconditionFailed } from "../storage/rest-errors.js";
import { chainHash, EVENT, eventRowKey, GENESIS_HASH, HEAD_KEY } from "./chain.js";

export interface AppendedEvent {
  seq: number;
  prevHash: string;
  hash: string;
  event: AuditEvent;
}

const MAX_EVENT_CHARS = 60_000;

async function readHead(table: TableClient, schoolId: string): Promise<{ seq: number; hash: string; etag?: string }> {
  try {
    const h = await table.getEntity<Props>(schoolId, HEAD_KEY);
    return { seq: h.seq as number, hash: h.hash as string, etag: h.etag };
  } catch (e) {
    if (isNotFound(e)) return { seq: 0, hash: GENESIS_HASH };
    throw e;
  }
}

async function advanceHead(table: TableClient, schoolId: string, seq: number, hash: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const head = await readHead(table, schoolId);
    if (head.seq >= seq) return;
    try {
      if (head.etag)
        await table.updateEntity({ partitionKey: schoolId, rowKey: HEAD_KEY, seq, hash }, "Replace", {
          etag: head.etag,
        });
      else await table.createEntity({ partitionKey: schoolId, rowKey: HEAD_KEY, seq, hash });
      return;
    } catch (e) {
      if (!isPreconditionFailed(e) && !isConflict(e)) throw e;
    }
  }
}

export async function appendEvent(
  table: TableClient,
  clock: () => Date,
  schoolId: string,
  input: AuditEventInput,
): Promise<AppendedEvent> {
  checkSchoolId(schoolId);
  const parsed = auditEventSchema.safeParse({ ...input, id: randomUUID(), at: input.at ?? clock().toISOString() });
  if (!parsed.success) {
    throw new KomuError("VALIDATION_FAILED", {
      details: { reason: "invalid audit event", issues: parsed.error.issues.map((i) => i.message) },
    });
  }
  // What is hashed is exactly what is stored: the event after a JSON round trip.
  const event = JSON.parse(JSON.stringify(parsed.data)) as AuditEvent;
  const body = encodeJson(EVENT, event, MAX_EVENT_CHARS);

  let { seq, hash } = await readHead(table, schoolId);
  for (let step = 0; step < 1000; step++) {
    const next = seq + 1;
    const nextHash = chainHash(next, hash, event);
    try {
      await table.createEntity({
        partitionKey: schoolId,
        rowKey: eventRowKey(next),
        seq: next,
        id: event.id,
        kind: event.kind,
        at: event.at,
        prevHash: hash,
        hash: nextHash,
        ...body,
      });
      await advanceHead(table, schoolId, next, nextHash).catch(() => undefined);
      return { seq: next, prevHash: hash, hash: nextHash, event };
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
    // Taken: move past it — unless it is our own event, written by a create whose reply was
    // lost (the SDK retried and got 409): then the append has happened and must not be repeated.
    try {
      const taken = await table.getEntity<Props>(schoolId, eventRowKey(next));
      if (taken.id === event.id && taken.hash === nextHash) {
        await advanceHead(table, schoolId, next, nextHash).catch(() => undefined);
        return { seq: next, prevHash: hash, hash: nextHash, event };
      }
      seq = next;
      hash = taken.hash as string;
    } catch (e) {
      if (!isNotFound(e)) throw e; // vanished in between: try the same seq again
    }
  }
  throw new KomuError("CONFLICT", { details: { reason: "audit append could not find the end of the chain" } });
}
