import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Storage } from "../storage/index.js";
import { QUEUES, TABLES } from "../storage/names.js";
import { createTestStorage, isTableInsert, loseNextReply } from "../storage/testing.js";
import { NonRetryableError, RetryableError } from "./errors.js";
import { type EffectHandlers, encodeMessage } from "./types.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic "random" failure: the same (id, attempt) always gives the same answer. */
const fails = (id: string, attempt: number, rate: number) =>
  createHash("sha256").update(`${id}/${attempt}`).digest().readUInt32BE(0) / 0x1_0000_0000 < rate;

/** Runs `workers` concurrent processOnce loops until nothing is pending (or the deadline). */
async function drain(storage: Storage, handlers: EffectHandlers, opts: { workers?: number; deadlineMs?: number } = {}) {
  const deadline = Date.now() + (opts.deadlineMs ?? 20_000);
  let stop = false;
  const loop = async () => {
    while (!stop && Date.now() < deadline) {
      const r = await storage.outbox.processOnce({ handlers, maxMessages: 16 });
      if (r.received === 0) await sleep(150);
    }
  };
  const loops = Array.from({ length: opts.workers ?? 1 }, loop);
  for (;;) {
    await sleep(300);
    const s = await storage.outbox.stats();
    if (s.pending === 0 || Date.now() > deadline) break;
  }
  stop = true;
  await Promise.all(loops);
}

describe("Outbox (Azurite)", () => {
  it("delivers 50 effects exactly once while the handler fails 30% with Retry-After 1 s (two workers, duplicate messages)", async () => {
    const storage = await createTestStorage({ outbox: { baseDelayMs: 300, maxAttempts: 8, leaseSeconds: 15 } });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await storage.outbox.enqueue({
        kind: "notify",
        schoolId: i % 2 ? "aoba-e" : "higashi-e",
        payload: { n: i },
        dedupeKey: `notice-${i}`,
      });
      expect(r.created).toBe(true);
      ids.push(r.id);
    }
    // Extra messages for a third of the effects, as a sweeper or a replay might produce.
    const queue = await storage.resources.queue(QUEUES.outbox);
    for (let i = 0; i < 50; i += 3) {
      await queue.sendMessage(encodeMessage({ v: 1, id: ids[i] as string, schoolId: i % 2 ? "aoba-e" : "higashi-e" }));
    }

    const applied = new Map<string, number>();
    const attemptsSeen = new Map<string, number[]>();
    const lastFailureAt = new Map<string, number>();
    const tooEarly: string[] = [];
    let failures = 0;
    const handlers: EffectHandlers = {
      async notify(payload, attempt, info) {
        const started = Date.now();
        const prev = lastFailureAt.get(info.id);
        if (prev !== undefined && started - prev < 1000) tooEarly.push(`${info.id}: ${started - prev} ms`);
        attemptsSeen.set(info.id, [...(attemptsSeen.get(info.id) ?? []), attempt]);
        expect(payload).toEqual({ n: expect.any(Number) });
        if (fails(info.id, attempt, 0.3)) {
          failures += 1;
          lastFailureAt.set(info.id, Date.now());
          throw new RetryableError("throttled", { retryAfterSeconds: 1 });
        }
        applied.set(info.id, (applied.get(info.id) ?? 0) + 1);
      },
    };
    const t0 = Date.now();
    await drain(storage, handlers, { workers: 2 });
    const elapsed = Date.now() - t0;

    expect(failures).toBeGreaterThan(5); // the fault rate really bit
    for (const id of ids) expect(applied.get(id), id).toBe(1);
    expect([...applied.keys()].sort()).toEqual([...ids].sort());
    for (const [id, seen] of attemptsSeen) expect(seen, id).toEqual(seen.map((_, i) => i + 1)); // 1, 2, 3… never repeated
    expect(tooEarly).toEqual([]);
    const s = await storage.outbox.stats();
    expect(s).toMatchObject({ pending: 0, done: 50, dead: 0, deadLetters: 0 });
    expect(s.process.delivered).toBe(50);
    expect(elapsed).toBeLessThan(20_000);
  }, 30_000);

  it("enqueueing the same effect twice is a no-op", async () => {
    const storage = await createTestStorage();
    const a = await storage.outbox.enqueue({
      kind: "notify",
      schoolId: "aoba-e",
      payload: { x: 1 },
      dedupeKey: "same",
    });
    const b = await storage.outbox.enqueue({
      kind: "notify",
      schoolId: "aoba-e",
      payload: { x: 2 },
      dedupeKey: "same",
    });
    expect(b).toEqual({ id: a.id, created: false });
    let runs = 0;
    await drain(storage, {
      notify: async (p) => {
        runs += (p as { x: number }).x;
      },
    });
    expect(runs).toBe(1);
    expect((await storage.outbox.stats()).queueApproximateMessages).toBe(0);
  });

  it("dead-letters after max attempts with the last error, shows it to an admin, and replays it", async () => {
    const storage = await createTestStorage({ outbox: { baseDelayMs: 200, maxAttempts: 3 } });
    const { id } = await storage.outbox.enqueue({
      kind: "post",
      schoolId: "nishi-e",
      payload: { to: "5年1組" },
      dedupeKey: "d1",
    });
    let healthy = false;
    const attempts: number[] = [];
    const handlers: EffectHandlers = {
      async post(_p, attempt) {
        attempts.push(attempt);
        if (!healthy) throw new RetryableError("Graph 503 serviceNotAvailable", { retryAfterSeconds: 0 });
      },
    };
    await drain(storage, handlers, { deadlineMs: 15_000 });
    expect(attempts).toEqual([1, 2, 3]);
    const dead = await storage.outbox.listDeadLetters("nishi-e");
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      id,
      schoolId: "nishi-e",
      kind: "post",
      dedupeKey: "d1",
      attempts: 3,
      payload: { to: "5年1組" },
    });
    expect(dead[0]?.lastError).toContain("serviceNotAvailable");
    expect(dead[0]?.firstAttemptAt && dead[0]?.lastAttemptAt && dead[0].firstAttemptAt < dead[0].lastAttemptAt).toBe(
      true,
    );
    expect(await storage.outbox.listDeadLetters("aoba-e")).toEqual([]);
    expect(await storage.outbox.listDeadLetters()).toHaveLength(1);
    expect(await storage.outbox.stats()).toMatchObject({ pending: 0, dead: 1, deadLetters: 1 });
    // Same dedupe key again: still a no-op (the tombstone stays).
    expect(
      (await storage.outbox.enqueue({ kind: "post", schoolId: "nishi-e", payload: {}, dedupeKey: "d1" })).created,
    ).toBe(false);

    healthy = true;
    await storage.outbox.replay(id, { actor: { oid: "admin-1", name: "管理者" } });
    await drain(storage, handlers);
    expect(attempts).toEqual([1, 2, 3, 1]); // attempts reset by replay
    expect(await storage.outbox.listDeadLetters()).toEqual([]);
    expect(await storage.outbox.stats()).toMatchObject({ pending: 0, done: 1, dead: 0, deadLetters: 0 });

    const audit = await storage.audit.list("nishi-e");
    expect(audit.items.map((r) => r.event.kind)).toEqual(["outbox.deadLettered", "outbox.replayed"]);
    expect(audit.items[1]?.event.actor).toEqual({ oid: "admin-1", name: "管理者" });
    expect((await storage.audit.verify("nishi-e")).ok).toBe(true);
  }, 30_000);

  it("a non-retryable error or an unknown kind goes straight to the dead letters", async () => {
    const storage = await createTestStorage();
    await storage.outbox.enqueue({ kind: "post", schoolId: "aoba-j", payload: {}, dedupeKey: "bad" });
    await storage.outbox.enqueue({ kind: "mystery", schoolId: "aoba-j", payload: {}, dedupeKey: "unknown" });
    let calls = 0;
    await drain(storage, {
      post: async () => {
        calls += 1;
        throw new NonRetryableError("list does not exist");
      },
    });
    expect(calls).toBe(1);
    const dead = await storage.outbox.listDeadLetters("aoba-j");
    expect(dead.map((d) => [d.kind, d.attempts]).sort()).toEqual([
      ["mystery", 1],
      ["post", 1],
    ]);
    expect(dead.find((d) => d.kind === "mystery")?.lastError).toContain("no handler");
  });

  it("the sweeper re-sends effects whose queue message was lost", async () => {
    const storage = await createTestStorage({ outbox: { sweepGraceMs: 60_000 } });
    await storage.outbox.enqueue({ kind: "notify", schoolId: "boe", payload: { a: 1 }, dedupeKey: "lost" });
    const queue = await storage.resources.queue(QUEUES.outbox);
    await queue.clearMessages(); // the crash between the table write and the send
    expect((await storage.outbox.sweep()).requeued).toBe(0); // not overdue yet
    const later = new Date(Date.now() + 61_000);
    expect((await storage.outbox.sweep(later)).requeued).toBe(1);
    expect((await storage.outbox.sweep(later)).requeued).toBe(0); // bumped: not sent twice
    let runs = 0;
    await drain(storage, {
      notify: async () => {
        runs += 1;
      },
    });
    expect(runs).toBe(1);
    // Done rows are purged after the retention period.
    expect((await storage.outbox.sweep(new Date(Date.now() + 31 * 24 * 3600_000))).purged).toBe(1);
  });

  it("drives the Functions queue trigger: a retry is a new delayed message", async () => {
    const storage = await createTestStorage({ outbox: { baseDelayMs: 200 } });
    await storage.outbox.enqueue({ kind: "notify", schoolId: "aoba-e", payload: {}, dedupeKey: "fx" });
    const queue = await storage.resources.queue(QUEUES.outbox);
    let runs = 0;
    const handlers: EffectHandlers = {
      notify: async () => {
        runs += 1;
        if (runs === 1) throw new RetryableError("429", { retryAfterSeconds: 1 });
      },
    };
    // What the host does: receive, call the function, delete on success.
    const first = (await queue.receiveMessages({ numberOfMessages: 1 })).receivedMessageItems[0];
    expect(first).toBeDefined();
    const d1 = await storage.outbox.handleQueueItem(first?.messageText, handlers);
    await queue.deleteMessage(first?.messageId as string, first?.popReceipt as string);
    expect(d1).toMatchObject({ action: "retryLater", delaySeconds: 1 });
    expect((await queue.receiveMessages({ numberOfMessages: 1 })).receivedMessageItems).toHaveLength(0); // still invisible
    await sleep(1300);
    const second = (await queue.receiveMessages({ numberOfMessages: 1 })).receivedMessageItems[0];
    const d2 = await storage.outbox.handleQueueItem(
      JSON.parse(Buffer.from(second?.messageText as string, "base64").toString()),
      handlers,
    );
    expect(d2).toMatchObject({ action: "delete", outcome: "delivered" });
    expect(runs).toBe(2);
  });

  it("an effect claimed by a worker that crashed is picked up again after its lease", async () => {
    const storage = await createTestStorage({ outbox: { leaseSeconds: 2 } });
    const { id } = await storage.outbox.enqueue({
      kind: "notify",
      schoolId: "aoba-e",
      payload: {},
      dedupeKey: "crash",
    });
    const queue = await storage.resources.queue(QUEUES.outbox);
    const rows = await storage.resources.table(TABLES.outbox);
    // The doomed worker: receives the message and claims the row, then dies before finishing.
    const got = await queue.receiveMessages({ numberOfMessages: 1, visibilityTimeout: 2 });
    expect(got.receivedMessageItems).toHaveLength(1);
    const row = await rows.getEntity("aoba-e", id);
    const now = new Date();
    await rows.updateEntity(
      {
        partitionKey: "aoba-e",
        rowKey: id,
        attempts: 1,
        leaseUntil: new Date(now.getTime() + 2000).toISOString(),
        lastAttemptAt: now.toISOString(),
      },
      "Merge",
      { etag: row.etag },
    );
    const attempts: number[] = [];
    await drain(storage, { notify: async (_p, attempt) => void attempts.push(attempt) }, { deadlineMs: 15_000 });
    expect(attempts).toEqual([2]);
    expect(await storage.outbox.stats()).toMatchObject({ pending: 0, done: 1 });
  }, 20_000);

  it("a timed-out handler keeps the lease: its signal is aborted and no other worker runs the effect meanwhile", async () => {
    // lease 4 s → the attempt times out after 3.2 s; the first handler ignores that and runs 5 s.
    const storage = await createTestStorage({ outbox: { leaseSeconds: 4, baseDelayMs: 200 } });
    const { id } = await storage.outbox.enqueue({ kind: "slow", schoolId: "aoba-e", payload: {}, dedupeKey: "slow" });
    let running = 0;
    let maxRunning = 0;
    const attempts: number[] = [];
    const abortedAtEnd: unknown[] = [];
    const handlers: EffectHandlers = {
      async slow(_p, attempt, info) {
        attempts.push(attempt);
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        try {
          if (attempt === 1) {
            expect(info.signal.aborted).toBe(false);
            await sleep(5000);
            abortedAtEnd.push(info.signal.aborted && (info.signal.reason as Error).name);
          }
        } finally {
          running -= 1;
        }
      },
    };
    const rows = await storage.resources.table(TABLES.outbox);
    const firstRound = storage.outbox.processOnce({ handlers });
    const r1 = await firstRound; // returns at the timeout, the handler still runs
    expect(r1.retried).toBe(1);
    const row = await rows.getEntity<Record<string, string>>("aoba-e", id);
    const claimedAt = Date.parse(row.lastAttemptAt as string);
    expect(row.leaseUntil).not.toBe(""); // still held
    expect(Date.parse(row.nextAttemptAt as string)).toBeGreaterThanOrEqual(claimedAt + 4000); // ≥ the original lease
    expect(Date.parse(row.nextAttemptAt as string)).toBeGreaterThanOrEqual(Date.parse(row.leaseUntil as string));
    expect(row.lastError).toContain("timed out");
    await drain(storage, handlers, { workers: 2, deadlineMs: 15_000 });
    expect(attempts).toEqual([1, 2]);
    expect(maxRunning).toBe(1);
    expect(abortedAtEnd).toEqual(["TimeoutError"]);
    expect(await storage.outbox.stats()).toMatchObject({ pending: 0, done: 1 });
  }, 25_000);

  it("replaying a dead letter whose effect a worker holds right now is CONFLICT and leaves the lease alone", async () => {
    const storage = await createTestStorage();
    const { id } = await storage.outbox.enqueue({
      kind: "post",
      schoolId: "aoba-e",
      payload: { a: 1 },
      dedupeKey: "held",
    });
    await drain(storage, {
      post: async () => {
        throw new NonRetryableError("list does not exist");
      },
    });
    expect((await storage.outbox.listDeadLetters("aoba-e")).map((d) => d.id)).toEqual([id]);
    // As after a crash between the dead-letter write and the row update: the row came back and a
    // worker holds it.
    const rows = await storage.resources.table(TABLES.outbox);
    const row = await rows.getEntity("aoba-e", id);
    const leaseUntil = new Date(Date.now() + 60_000).toISOString();
    await rows.updateEntity(
      { partitionKey: "aoba-e", rowKey: id, status: "pending", attempts: 2, leaseUntil },
      "Merge",
      {
        etag: row.etag,
      },
    );
    await expect(storage.outbox.replay(id)).rejects.toMatchObject({
      code: "CONFLICT",
      retryAfter: expect.any(Number),
    });
    const after = await rows.getEntity<Record<string, unknown>>("aoba-e", id);
    expect(after).toMatchObject({ status: "pending", attempts: 2, leaseUntil });
    expect((await storage.outbox.listDeadLetters("aoba-e")).map((d) => d.id)).toEqual([id]);
  });

  it("an enqueue whose reply was lost is still created and signalled (the SDK's retry got 409 for our own row)", async () => {
    const storage = await createTestStorage();
    const rows = await storage.resources.table(TABLES.outbox);
    const lost = loseNextReply(rows, isTableInsert);
    let result: Awaited<ReturnType<Storage["outbox"]["enqueue"]>>;
    try {
      result = await storage.outbox.enqueue({
        kind: "notify",
        schoolId: "aoba-e",
        payload: { n: 1 },
        dedupeKey: "lost-reply",
      });
    } finally {
      lost.restore();
    }
    expect(lost.dropped).toBe(1);
    expect(result.created).toBe(true);
    let runs = 0;
    const r = await storage.outbox.processOnce({
      handlers: {
        notify: async () => {
          runs += 1;
        },
      },
    });
    expect(r.delivered).toBe(1); // the message was sent: no waiting for the sweeper
    expect(runs).toBe(1);
  }, 15_000);

  it("a duplicate enqueue re-sends the message of a pending effect whose creator never sent it", async () => {
    let now = new Date();
    const storage = await createTestStorage({ clock: () => now });
    const input = { kind: "notify", schoolId: "aoba-e", payload: { n: 1 }, dedupeKey: "unsent" };
    await storage.outbox.enqueue(input);
    const queue = await storage.resources.queue(QUEUES.outbox);
    await queue.clearMessages(); // the creator died between the row and the send
    expect(await storage.outbox.enqueue(input)).toMatchObject({ created: false }); // too recent to tell
    expect((await queue.peekMessages()).peekedMessageItems).toHaveLength(0);
    now = new Date(now.getTime() + 31_000);
    expect(await storage.outbox.enqueue(input)).toMatchObject({ created: false });
    expect((await queue.peekMessages({ numberOfMessages: 5 })).peekedMessageItems).toHaveLength(1);
    expect(await storage.outbox.enqueue(input)).toMatchObject({ created: false }); // re-sent just now: not again
    expect((await queue.peekMessages({ numberOfMessages: 5 })).peekedMessageItems).toHaveLength(1);
  });
});
