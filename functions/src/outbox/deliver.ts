/**
 * The heart of the outbox: what to do with one delivered queue message.
 *
 *  1. Load the row. Missing, done or dead → drop the message.
 *  2. Not due yet (nextAttemptAt in the future, e.g. an early duplicate) → show the message
 *     again when it is due. Held by another worker (lease not expired) → show it again after the
 *     lease; never drop it, the holder might crash.
 *  3. Attempts exhausted → dead-letter without running the handler.
 *  4. Claim: attempts+1 and a lease, written with the row's ETag. Two workers holding messages
 *     for the same row cannot both claim it: the loser gets 412 and starts again at 1.
 *  5. Run the handler. Success → status "done" with the claim's ETag (so a row is never marked
 *     done twice: whoever re-claimed after our lease expired makes our write fail).
 *     Failure → dead-letter when not retryable or out of attempts; else record the error and
 *     the next attempt time (backoff with jitter, never sooner than Retry-After) and ask the
 *     caller to make the message visible again after that delay.
 *  6. Timeout: the handler gets `info.signal`, aborted when it runs longer than 80 % of the
 *     lease. A promise cannot be cancelled, so a handler that ignores the signal may still be
 *     running: the row keeps its lease (extended by a full lease from now) and the next attempt
 *     is never before that lease ends, so no other worker runs the same effect concurrently.
 */
import type { TableClient } from "@azure/data-tables";
import { decodeJson } from "../storage/codec.js";
import { etagOf, isNotFound, isPreconditionFailed } from "../storage/rest-errors.js";
import { backoffMs } from "./backoff.js";
import type { OutboxContext } from "./context.js";
import { deadLetter } from "./dead-letter.js";
import { classifyError, NonRetryableError } from "./errors.js";
import { type OutboxRow, PAYLOAD, type StoredRow } from "./rows.js";
import type { EffectHandlers, OutboxMessage } from "./types.js";

export type Decision =
  | { action: "delete"; outcome: "delivered" | "skipped" | "deadLettered" | "lostLease" }
  | { action: "retryLater"; delaySeconds: number; outcome: "retried" | "postponed" };

async function load(rows: TableClient, msg: OutboxMessage): Promise<StoredRow | null> {
  try {
    return await rows.getEntity<OutboxRow>(msg.schoolId, msg.id);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

const secondsUntil = (iso: string, now: Date): number =>
  Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

/** Races `run(signal)` against `ms`; on timeout the signal is aborted and the race rejects. */
async function withTimeout(
  run: (signal: AbortSignal) => Promise<void>,
  ms: number,
): Promise<{ ok: true } | { ok: false; error: unknown; timedOut: boolean }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const error = Object.assign(new Error(`handler timed out after ${ms} ms`), { name: "TimeoutError" });
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    await Promise.race([Promise.resolve().then(() => run(controller.signal)), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Merges `fields` into the claimed row under the claim's ETag. false: the lease is lost (412: another
 * worker re-claimed the row after our lease expired; 404: the row is gone).
 */
async function mergeUnderClaim(
  rows: TableClient,
  row: StoredRow,
  claimEtag: string,
  fields: Partial<Pick<OutboxRow, "status" | "leaseUntil" | "nextAttemptAt" | "lastError" | "doneAt" | "updatedAt">>,
): Promise<boolean> {
  try {
    await rows.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, ...fields }, "Merge", {
      etag: claimEtag,
    });
    return true;
  } catch (e) {
    if (isPreconditionFailed(e) || isNotFound(e)) return false;
    throw e;
  }
}

export async function deliver(ctx: OutboxContext, msg: OutboxMessage, handlers: EffectHandlers): Promise<Decision> {
  const rows = await ctx.rows();
  for (let round = 0; round < 5; round++) {
    const row = await load(rows, msg);
    if (row?.status !== "pending") {
      ctx.counters.skipped += 1;
      return { action: "delete", outcome: "skipped" };
    }
    const now = ctx.clock();
    const nowIso = now.toISOString();
    if (row.nextAttemptAt > nowIso) {
      ctx.counters.postponed += 1;
      return { action: "retryLater", delaySeconds: secondsUntil(row.nextAttemptAt, now), outcome: "postponed" };
    }
    if (row.leaseUntil && row.leaseUntil > nowIso) {
      ctx.counters.postponed += 1;
      return { action: "retryLater", delaySeconds: secondsUntil(row.leaseUntil, now) + 1, outcome: "postponed" };
    }
    if (row.attempts >= ctx.opts.maxAttempts) {
      const r = await deadLetter(ctx, row, row.etag, row.lastError ?? `attempts exhausted (${row.attempts})`);
      if (r === "lostLease") continue;
      return { action: "delete", outcome: "deadLettered" };
    }

    // Claim.
    const attempt = row.attempts + 1;
    const leaseUntil = new Date(now.getTime() + ctx.opts.leaseSeconds * 1000).toISOString();
    let claimEtag: string;
    try {
      const res = await rows.updateEntity(
        {
          partitionKey: row.partitionKey,
          rowKey: row.rowKey,
          attempts: attempt,
          leaseUntil,
          lastAttemptAt: nowIso,
          updatedAt: nowIso,
          ...(row.firstAttemptAt ? {} : { firstAttemptAt: nowIso }),
        },
        "Merge",
        { etag: row.etag },
      );
      claimEtag = etagOf(res);
    } catch (e) {
      if (isPreconditionFailed(e) || isNotFound(e)) continue; // someone else moved first: look again
      throw e;
    }
    const claimed: StoredRow = {
      ...row,
      attempts: attempt,
      lastAttemptAt: nowIso,
      firstAttemptAt: row.firstAttemptAt ?? nowIso,
      etag: claimEtag,
    };

    // Run.
    const handler = handlers[row.kind];
    const outcome = await withTimeout(
      async (signal) => {
        if (!handler) throw new NonRetryableError(`no handler for effect kind "${row.kind}"`);
        const payload = decodeJson(PAYLOAD, row);
        await handler(payload, attempt, {
          id: row.rowKey,
          kind: row.kind,
          schoolId: row.partitionKey,
          dedupeKey: row.dedupeKey,
          attempt,
          signal,
        });
      },
      Math.max(1000, ctx.opts.leaseSeconds * 800),
    );

    const after = ctx.clock();
    if (outcome.ok) {
      const done = await mergeUnderClaim(rows, row, claimEtag, {
        status: "done",
        leaseUntil: "",
        doneAt: after.toISOString(),
        updatedAt: after.toISOString(),
      });
      if (!done) {
        ctx.counters.lostLease += 1;
        return { action: "delete", outcome: "lostLease" };
      }
      ctx.counters.delivered += 1;
      return { action: "delete", outcome: "delivered" };
    }

    const judged = classifyError(outcome.error, after);
    // A timed-out handler may still be running: hold the row for another full lease from now.
    const heldUntil = outcome.timedOut
      ? new Date(Math.max(Date.parse(leaseUntil), after.getTime() + ctx.opts.leaseSeconds * 1000))
      : undefined;
    if (!judged.retryable || attempt >= ctx.opts.maxAttempts) {
      const why = judged.retryable ? judged.message : `not retryable: ${judged.message}`;
      const r = await deadLetter(ctx, { ...claimed, lastAttemptAt: after.toISOString() }, claimEtag, why, {
        ...(heldUntil ? { leaseUntil: heldUntil.toISOString() } : {}),
      });
      return { action: "delete", outcome: r };
    }
    const delayMs = Math.max(
      backoffMs(
        attempt,
        { baseMs: ctx.opts.baseDelayMs, maxMs: ctx.opts.maxDelayMs },
        judged.retryAfterSeconds,
        ctx.opts.random,
      ),
      heldUntil ? heldUntil.getTime() - after.getTime() : 0,
    );
    // Queue visibility has whole seconds: round up so we are never early.
    const delaySeconds = Math.max(1, Math.ceil(delayMs / 1000));
    const nextAttemptAt = new Date(after.getTime() + delaySeconds * 1000).toISOString();
    const rescheduled = await mergeUnderClaim(rows, row, claimEtag, {
      leaseUntil: heldUntil ? heldUntil.toISOString() : "",
      nextAttemptAt,
      lastError: judged.message.slice(0, 4000),
      updatedAt: after.toISOString(),
    });
    if (!rescheduled) {
      ctx.counters.lostLease += 1;
      return { action: "delete", outcome: "lostLease" };
    }
    ctx.counters.retried += 1;
    return { action: "retryLater", delaySeconds, outcome: "retried" };
  }
  // Heavy contention on one row: look again shortly rather than spin.
  ctx.counters.postponed += 1;
  return { action: "retryLater", delaySeconds: 1, outcome: "postponed" };
}
