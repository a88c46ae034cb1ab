/**
 * Idempotency keys with their stored results (table `komuIdempotency`).
 *
 * Row: PartitionKey = sha256(scope), RowKey = sha256(key) (clients choose keys; hashing keeps
 * them out of the key grammar). `run`:
 *  1. creates a "pending" row (an atomic create: exactly one caller wins a key);
 *  2. the winner runs `fn` and replaces the row (ETag-guarded) with "done" + status + body;
 *  3. a later call with the same key and the same request hash gets the stored result and `fn`
 *     is not run again; a different hash → IDEMPOTENCY_KEY_REUSED; a duplicate arriving while
 *     the first is still pending → CONFLICT with a retry hint (Retry-After seconds).
 * If `fn` throws, the pending row is removed so the client may retry with the same key.
 * Each claim carries a random `claimId`: when the SDK retries a create (or a takeover) whose
 * reply was lost, the 409/412 it gets back is our own write, recognised by that id, not a
 * concurrent duplicate.
 * A pending row whose owner died (lock expired) is taken over with an ETag-guarded update.
 * Rows live 24 h; `sweepExpired` deletes older ones (run by a timer job), and an expired row
 * found by `run` is treated as absent.
 */
import { randomUUID } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { KomuError } from "@komu/shared";
import { decodeJson, encodeJson, type Props } from "./codec.js";
import { sha256Hex } from "./hash.js";
import { etagOf, isConflict, isNotFound, isPreconditionFailed } from "./rest-errors.js";

export interface IdempotentResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IdempotencyOutcome<R extends IdempotentResult> {
  result: R;
  /** true when the result came from storage and fn did not run. */
  replayed: boolean;
}

export interface IdempotencyStore {
  run<R extends IdempotentResult>(
    scope: string,
    key: string,
    requestHash: string,
    fn: () => Promise<R>,
  ): Promise<IdempotencyOutcome<R>>;
  /** Deletes rows older than their expiry; returns how many were deleted. */
  sweepExpired(now?: Date): Promise<number>;
}

export interface IdempotencyOptions {
  ttlMs?: number;
  /** How long a pending row is owned by the caller running fn before another may take over. */
  pendingLockMs?: number;
  /** Retry-After hint for a duplicate that arrives while the first is pending. */
  retryAfterSeconds?: number;
}

const DAY_MS = 24 * 3600_000;
/** Result bodies are kept only up to this many JSON chars (~512 KB); larger ones are not replayed. */
const MAX_BODY_CHARS = 256_000;

export function createIdempotencyStore(
  getTable: () => Promise<TableClient>,
  clock: () => Date,
  opts: IdempotencyOptions = {},
): IdempotencyStore {
  const ttlMs = opts.ttlMs ?? DAY_MS;
  const lockMs = opts.pendingLockMs ?? 120_000;
  const retryAfter = opts.retryAfterSeconds ?? 2;

  const inProgress = (scope: string) =>
    new KomuError("CONFLICT", {
      retryAfter,
      details: { reason: "idempotent request in progress", scope, retryAfterSeconds: retryAfter },
      message: {
        ja: "同じ操作を処理中です。少し待ってからやり直してください。",
        en: "The same request is still being processed. Retry in a moment.",
      },
    });

  async function claim(
    table: TableClient,
    pk: string,
    rk: string,
    requestHash: string,
  ): Promise<{ etag: string } | { stored: Props & { etag: string } }> {
    const claimId = randomUUID();
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = clock();
      const row = {
        partitionKey: pk,
        rowKey: rk,
        state: "pending",
        requestHash,
        claimId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        lockedUntil: new Date(now.getTime() + lockMs).toISOString(),
      };
      try {
        const res = await table.createEntity(row);
        return { etag: etagOf(res) };
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
      let existing: Props & { etag: string };
      try {
        existing = await table.getEntity<Props>(pk, rk);
      } catch (e) {
        if (isNotFound(e)) continue; // deleted in between: try to create again
        throw e;
      }
      // Our own write whose reply was lost (the SDK retried and got 409/412): the claim is ours.
      if (existing.state === "pending" && existing.claimId === claimId) return { etag: existing.etag };
      const nowIso = clock().toISOString();
      if ((existing.expiresAt as string) <= nowIso) {
        // An expired key counts as unused.
        try {
          await table.deleteEntity(pk, rk, { etag: existing.etag });
        } catch (e) {
          if (!isNotFound(e) && !isPreconditionFailed(e)) throw e;
        }
        continue;
      }
      if (existing.requestHash !== requestHash) throw new KomuError("IDEMPOTENCY_KEY_REUSED");
      if (existing.state === "done") return { stored: existing };
      if ((existing.lockedUntil as string) > nowIso) throw inProgress(pk);
      // The owner of this pending row is gone: take it over (only one taker wins the ETag).
      try {
        const res = await table.updateEntity(
          {
            partitionKey: pk,
            rowKey: rk,
            claimId,
            lockedUntil: new Date(clock().getTime() + lockMs).toISOString(),
          },
          "Merge",
          { etag: existing.etag },
        );
        return { etag: etagOf(res) };
      } catch (e) {
        if (isPreconditionFailed(e) || isNotFound(e)) continue;
        throw e;
      }
    }
    throw inProgress(pk);
  }

  return {
    async run<R extends IdempotentResult>(scope: string, key: string, requestHash: string, fn: () => Promise<R>) {
      if (!key || key.length > 255) {
        throw new KomuError("VALIDATION_FAILED", { details: { reason: "idempotency key must be 1–255 characters" } });
      }
      const table = await getTable();
      const pk = sha256Hex(scope);
      const rk = sha256Hex(key);
      const claimed = await claim(table, pk, rk, requestHash);
      if ("stored" in claimed) {
        const s = claimed.stored;
        const headers = s.headers ? (JSON.parse(s.headers as string) as Record<string, string>) : undefined;
        const body = s.bodyOmitted ? null : decodeJson("b", s);
        const result = { status: s.status as number, body, ...(headers ? { headers } : {}) } as R;
        return { result, replayed: true };
      }
      let result: R;
      try {
        result = await fn();
      } catch (e) {
        // Nothing to remember: free the key (only if we still own it).
        await table.deleteEntity(pk, rk, { etag: claimed.etag }).catch(() => undefined);
        throw e;
      }
      let bodyProps: Props;
      try {
        bodyProps = encodeJson("b", result.body ?? null, MAX_BODY_CHARS);
      } catch {
        bodyProps = { bodyOmitted: true };
      }
      try {
        await table.updateEntity(
          {
            partitionKey: pk,
            rowKey: rk,
            state: "done",
            requestHash,
            createdAt: clock().toISOString(),
            expiresAt: new Date(clock().getTime() + ttlMs).toISOString(),
            completedAt: clock().toISOString(),
            status: result.status,
            ...(result.headers ? { headers: JSON.stringify(result.headers) } : {}),
            ...bodyProps,
          },
          "Replace",
          { etag: claimed.etag },
        );
      } catch (e) {
        // Our lock expired and someone else took over; they will store their own answer.
        if (!isPreconditionFailed(e) && !isNotFound(e)) throw e;
      }
      return { result, replayed: false };
    },

    async sweepExpired(now = clock()) {
      const table = await getTable();
      const cutoff = now.toISOString();
      let deleted = 0;
      const rows = table.listEntities<Props>({
        queryOptions: { filter: `expiresAt lt '${cutoff}'`, select: ["PartitionKey", "RowKey", "expiresAt"] },
      });
      for await (const row of rows) {
        try {
          await table.deleteEntity(row.partitionKey as string, row.rowKey as string, { etag: row.etag });
          deleted += 1;
        } catch (e) {
          if (!isNotFound(e) && !isPreconditionFailed(e)) throw e;
        }
      }
      return deleted;
    },
  };
}
