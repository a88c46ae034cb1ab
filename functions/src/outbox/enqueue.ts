/**
 * Records a side effect durably, then signals the worker.
 * 1. create the outbox row (RowKey = effect id from kind + dedupeKey): a second enqueue of the
 *    same effect hits "already exists" and is a no-op;
 * 2. send a queue message pointing at the row.
 * A crash between 1 and 2 leaves a pending row without a message; the sweeper re-sends it.
 *
 * Lost replies: when the service applied our create but the answer was lost, the SDK retries and
 * gets 409 for our own row. Each enqueue writes a random `enqueueId`, so on 409 we read the row:
 * our id → the create was ours (`created: true`) and we still send the message. Another
 * enqueue's row with the same payload → `created: false`; if it is still pending, nobody holds
 * it and no message was sent for it recently (its creator may have died before sending), the
 * message is re-sent (claimed with `sweptAt` under the row's ETag, like the sweeper does).
 */
import { randomUUID } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { KomuError } from "@komu/shared";
import { decodeJson, encodeJson, type Props } from "../storage/codec.js";
import { canonicalJson } from "../storage/hash.js";
import { checkSchoolId } from "../storage/keys.js";
import { isConflict, isNotFound, isPreconditionFailed } from "../storage/rest-errors.js";
import type { OutboxContext } from "./context.js";
import { effectId, PAYLOAD, type StoredRow } from "./rows.js";
import { type EnqueueInput, type EnqueueResult, encodeMessage } from "./types.js";

/** Payloads are small pointers + parameters; big content belongs in blobs or entities. */
const MAX_PAYLOAD_CHARS = 200_000;
/** A pending row created or re-sent less than this long ago is assumed to have its message. */
const RECENT_SEND_MS = 30_000;

async function readRow(rows: TableClient, schoolId: string, id: string): Promise<StoredRow | null> {
  try {
    return await rows.getEntity<StoredRow>(schoolId, id);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

const samePayload = (row: Props, payload: unknown): boolean => {
  try {
    return canonicalJson(decodeJson(PAYLOAD, row)) === canonicalJson(payload ?? null);
  } catch {
    return false;
  }
};

/** Re-sends the message of a pending row that looks unsignalled; true when sent. */
async function resendIfUnsignalled(ctx: OutboxContext, rows: TableClient, row: StoredRow): Promise<boolean> {
  const now = ctx.clock();
  const nowIso = now.toISOString();
  if (row.status !== "pending") return false;
  if (row.leaseUntil && row.leaseUntil > nowIso) return false; // a worker has it
  if (row.nextAttemptAt > nowIso) return false; // a retry is scheduled: its message is waiting
  const lastSend = [row.createdAt, row.sweptAt ?? "", row.updatedAt].filter(Boolean).sort().at(-1);
  if (lastSend && Date.parse(lastSend) > now.getTime() - RECENT_SEND_MS) return false;
  try {
    await rows.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, sweptAt: nowIso }, "Merge", {
      etag: row.etag,
    });
  } catch (e) {
    if (isPreconditionFailed(e) || isNotFound(e)) return false; // it moved: someone is on it
    throw e;
  }
  const queue = await ctx.queue();
  await queue.sendMessage(encodeMessage({ v: 1, id: row.rowKey, schoolId: row.partitionKey }));
  return true;
}

export async function enqueue(ctx: OutboxContext, input: EnqueueInput): Promise<EnqueueResult> {
  checkSchoolId(input.schoolId);
  if (!/^[A-Za-z][A-Za-z0-9._-]{0,63}$/.test(input.kind)) {
    throw new KomuError("VALIDATION_FAILED", {
      details: { reason: "effect kind must be 1–64 chars [A-Za-z0-9._-]", kind: input.kind },
    });
  }
  if (typeof input.dedupeKey !== "string" || input.dedupeKey.length === 0 || input.dedupeKey.length > 1024) {
    throw new KomuError("VALIDATION_FAILED", { details: { reason: "dedupeKey must be 1–1024 characters" } });
  }
  const id = effectId(input.kind, input.dedupeKey);
  const enqueueId = randomUUID();
  const now = ctx.clock().toISOString();
  const rows = await ctx.rows();
  try {
    await rows.createEntity({
      partitionKey: input.schoolId,
      rowKey: id,
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      enqueueId,
      status: "pending",
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      nextAttemptAt: now,
      leaseUntil: "",
      ...encodeJson(PAYLOAD, input.payload ?? null, MAX_PAYLOAD_CHARS),
    });
  } catch (e) {
    if (!isConflict(e)) throw e;
    const existing = await readRow(rows, input.schoolId, id);
    if (existing?.enqueueId !== enqueueId) {
      // Someone else's enqueue of this effect: a no-op, unless its message looks lost.
      if (existing && existing.kind === input.kind && samePayload(existing, input.payload)) {
        await resendIfUnsignalled(ctx, rows, existing);
      } else if (existing) {
        ctx.logger.warn("outbox: effect already enqueued with another payload; keeping the first", {
          id,
          kind: input.kind,
        });
      }
      return { id, created: false };
    }
    // Our own create, whose reply was lost: carry on and send the message.
  }
  const queue = await ctx.queue();
  await queue.sendMessage(encodeMessage({ v: 1, id, schoolId: input.schoolId }));
  return { id, created: true };
}
