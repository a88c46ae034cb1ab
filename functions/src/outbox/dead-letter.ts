/**
 * Dead letters (table `komuDeadLetters`, PartitionKey = schoolId, RowKey = effect id): effects
 * that failed `maxAttempts` times or with a non-retryable error. The outbox row stays as a
 * tombstone with status "dead" (so the same dedupe key is still a no-op); the dead-letter row
 * holds what an admin needs (last error, attempts, timestamps, payload) and is what `replay` uses.
 *
 * Order of writes: dead-letter row first (upsert), then the outbox row → "dead". A crash in
 * between leaves the effect pending; its message comes back and it is dead-lettered again
 * (the upsert makes that harmless). Nothing is ever dropped silently.
 */
import type { TableEntityResult } from "@azure/data-tables";
import { KomuError } from "@komu/shared";
import { decodeJson, encodeJson, type Props } from "../storage/codec.js";
import { isNotFound, isPreconditionFailed } from "../storage/rest-errors.js";
import { type OutboxContext, SYSTEM_ACTOR } from "./context.js";
import { PAYLOAD, type StoredRow } from "./rows.js";
import { type DeadLetter, encodeMessage } from "./types.js";

/** Writes the dead letter and marks the row dead. `etag` is the caller's claim on the row. */
export async function deadLetter(
  ctx: OutboxContext,
  row: StoredRow,
  etag: string,
  lastError: string,
  opts: { leaseUntil?: string } = {},
): Promise<"deadLettered" | "lostLease"> {
  const now = ctx.clock().toISOString();
  const dead = await ctx.deadLetters();
  const payloadProps: Props = {};
  for (const [k, v] of Object.entries(row)) if (/^p(\d+|N)$/.test(k)) payloadProps[k] = v;
  await dead.upsertEntity(
    {
      partitionKey: row.partitionKey,
      rowKey: row.rowKey,
      kind: row.kind,
      dedupeKey: row.dedupeKey,
      attempts: row.attempts,
      lastError: lastError.slice(0, 4000),
      createdAt: row.createdAt,
      ...(row.firstAttemptAt ? { firstAttemptAt: row.firstAttemptAt } : {}),
      ...(row.lastAttemptAt ? { lastAttemptAt: row.lastAttemptAt } : {}),
      deadLetteredAt: now,
      ...payloadProps,
    },
    "Replace",
  );
  const rows = await ctx.rows();
  try {
    await rows.updateEntity(
      {
        partitionKey: row.partitionKey,
        rowKey: row.rowKey,
        status: "dead",
        // Kept after a timeout: the handler may still be running, and replay waits for it.
        leaseUntil: opts.leaseUntil ?? "",
        lastError: lastError.slice(0, 4000),
        updatedAt: now,
      },
      "Merge",
      { etag },
    );
  } catch (e) {
    if (!isPreconditionFailed(e)) throw e;
    // Someone re-claimed the row (our lease ran out). If it is not dead, our dead letter is wrong.
    const current = await rows.getEntity<Props>(row.partitionKey, row.rowKey).catch(() => null);
    if (current?.status !== "dead") {
      await dead.deleteEntity(row.partitionKey, row.rowKey).catch(() => undefined);
    }
    return "lostLease";
  }
  ctx.counters.deadLettered += 1;
  await ctx.audit
    ?.append(row.partitionKey, {
      kind: "outbox.deadLettered",
      actor: SYSTEM_ACTOR,
      target: { kind: "outboxEffect", id: row.rowKey },
      data: {
        effectKind: row.kind,
        attempts: row.attempts,
        lastError: lastError.slice(0, 1000),
        ...(row.firstAttemptAt ? { firstAttemptAt: row.firstAttemptAt } : {}),
        ...(row.lastAttemptAt ? { lastAttemptAt: row.lastAttemptAt } : {}),
      },
    })
    .catch((e: unknown) =>
      ctx.logger.warn("audit append failed for outbox.deadLettered", { id: row.rowKey, error: String(e) }),
    );
  return "deadLettered";
}

function toDeadLetter(row: TableEntityResult<Props>): DeadLetter {
  return {
    id: row.rowKey as string,
    schoolId: row.partitionKey as string,
    kind: row.kind as string,
    dedupeKey: row.dedupeKey as string,
    payload: decodeJson("p", row),
    attempts: row.attempts as number,
    lastError: row.lastError as string,
    createdAt: row.createdAt as string,
    ...(row.firstAttemptAt ? { firstAttemptAt: row.firstAttemptAt as string } : {}),
    ...(row.lastAttemptAt ? { lastAttemptAt: row.lastAttemptAt as string } : {}),
    deadLetteredAt: row.deadLetteredAt as string,
  };
}

/** Dead letters of one school (or all schools), oldest first by school; at most `limit`. */
export async function listDeadLetters(ctx: OutboxContext, schoolId?: string, limit = 500): Promise<DeadLetter[]> {
  const dead = await ctx.deadLetters();
  const filter = schoolId === undefined ? undefined : `PartitionKey eq '${schoolId.replace(/'/g, "''")}'`;
  const out: DeadLetter[] = [];
  for await (const row of dead.listEntities<Props>(filter ? { queryOptions: { filter } } : {})) {
    out.push(toDeadLetter(row));
    if (out.length >= limit) break;
  }
  return out;
}

async function findDeadLetter(
  ctx: OutboxContext,
  id: string,
  schoolId?: string,
): Promise<TableEntityResult<Props> | null> {
  const dead = await ctx.deadLetters();
  if (schoolId !== undefined) {
    try {
      return await dead.getEntity<Props>(schoolId, id);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }
  for await (const row of dead.listEntities<Props>({
    queryOptions: { filter: `RowKey eq '${id.replace(/'/g, "''")}'` },
  })) {
    return row;
  }
  return null;
}

/**
 * Puts a dead-lettered effect back in the queue with its attempts reset. Order: outbox row →
 * pending (ETag-guarded), dead-letter row deleted, message sent. An effect whose row is leased
 * by a worker right now is CONFLICT (with Retry-After): its lease is never taken away. A crash before the send leaves a
 * pending row that the sweeper re-enqueues; calling replay again is safe.
 */
export async function replay(
  ctx: OutboxContext,
  id: string,
  opts: { schoolId?: string; actor?: { oid: string; name: string } } = {},
): Promise<{ id: string; schoolId: string }> {
  if (!/^[0-9a-f]{40}$/.test(id)) throw new KomuError("INVALID_ID", { details: { id } });
  const dl = await findDeadLetter(ctx, id, opts.schoolId);
  if (!dl) throw new KomuError("NOT_FOUND", { details: { kind: "deadLetter", id } });
  const schoolId = dl.partitionKey as string;
  const rows = await ctx.rows();
  const now = ctx.clock().toISOString();
  const reset = { status: "pending", attempts: 0, leaseUntil: "", nextAttemptAt: now, updatedAt: now };
  let previousAttempts = dl.attempts as number;
  for (let tries = 0; ; tries++) {
    let current: TableEntityResult<Props> | null = null;
    try {
      current = await rows.getEntity<Props>(schoolId, id);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (current && current.status !== "done" && typeof current.leaseUntil === "string" && current.leaseUntil > now) {
      // A worker holds the effect right now (a crash left a stale dead letter behind, or a
      // timed-out handler may still be running): resetting it would let a second worker run it.
      const retryAfter = Math.max(1, Math.ceil((Date.parse(current.leaseUntil) - Date.parse(now)) / 1000));
      throw new KomuError("CONFLICT", {
        retryAfter,
        details: { kind: "outboxEffect", id, reason: "effect is being delivered", leaseUntil: current.leaseUntil },
        message: {
          ja: "この処理は現在実行中です。しばらく待ってからやり直してください。",
          en: "This effect is being delivered right now. Retry after a moment.",
        },
      });
    }
    try {
      if (!current) {
        // The tombstone is gone (retention): recreate the effect from the dead letter.
        const payload = decodeJson("p", dl);
        await rows.createEntity({
          partitionKey: schoolId,
          rowKey: id,
          kind: dl.kind as string,
          dedupeKey: dl.dedupeKey as string,
          createdAt: dl.createdAt as string,
          replays: 1,
          ...reset,
          ...encodeJson(PAYLOAD, payload),
        });
      } else if (current.status === "done") {
        break; // delivered meanwhile: just clear the dead letter
      } else {
        previousAttempts = current.attempts as number;
        await rows.updateEntity(
          { partitionKey: schoolId, rowKey: id, ...reset, replays: ((current.replays as number | undefined) ?? 0) + 1 },
          "Merge",
          { etag: current.etag },
        );
      }
      break;
    } catch (e) {
      if (tries < 3 && (isPreconditionFailed(e) || (e as { statusCode?: number }).statusCode === 409)) continue;
      throw e;
    }
  }
  const dead = await ctx.deadLetters();
  await dead.deleteEntity(schoolId, id).catch((e: unknown) => {
    if (!isNotFound(e)) throw e;
  });
  const queue = await ctx.queue();
  await queue.sendMessage(encodeMessage({ v: 1, id, schoolId }));
  await ctx.audit
    ?.append(schoolId, {
      kind: "outbox.replayed",
      actor: opts.actor ?? SYSTEM_ACTOR,
      target: { kind: "outboxEffect", id },
      data: { effectKind: dl.kind as string, previousAttempts },
    })
    .catch((e: unknown) => ctx.logger.warn("audit append failed for outbox.replayed", { id, error: String(e) }));
  return { id, schoolId };
}
