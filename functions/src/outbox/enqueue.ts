/**
 * Records a side effect durably, then signals the worker.
 * 1. create the outbox row (RowKey = effect id from kind + dedupeKey): a second enqueue of the
 *    same effect hits "already exists" and is a no-op;
 * 2. send a queue message pointing at the row.
 * A crash between 1 and 2 leaves a pending row without a message; the sweeper re-sends it.
 */
import { KomuError } from "@komu/shared";
import { encodeJson } from "../storage/codec.js";
import { checkSchoolId } from "../storage/keys.js";
import { isConflict } from "../storage/rest-errors.js";
import type { OutboxContext } from "./context.js";
import { effectId, PAYLOAD } from "./rows.js";
import { type EnqueueInput, type EnqueueResult, encodeMessage } from "./types.js";

/** Payloads are small pointers + parameters; big content belongs in blobs or entities. */
const MAX_PAYLOAD_CHARS = 200_000;

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
  const now = ctx.clock().toISOString();
  const rows = await ctx.rows();
  try {
    await rows.createEntity({
      partitionKey: input.schoolId,
      rowKey: id,
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      status: "pending",
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      nextAttemptAt: now,
      leaseUntil: "",
      ...encodeJson(PAYLOAD, input.payload ?? null, MAX_PAYLOAD_CHARS),
    });
  } catch (e) {
    if (isConflict(e)) return { id, created: false };
    throw e;
  }
  const queue = await ctx.queue();
  await queue.sendMessage(encodeMessage({ v: 1, id, schoolId: input.schoolId }));
  return { id, created: true };
}
