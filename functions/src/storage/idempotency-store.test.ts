import { beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "./index.js";
import { TABLES } from "./names.js";
import { codeOf, createTestStorage, isTableInsert, loseNextReply } from "./testing.js";

describe("IdempotencyStore (Azurite)", () => {
  let now = new Date("2026-11-25T00:00:00.000Z");
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage({ clock: () => now });
  });

  it("runs fn once and returns the first stored answer to a retry", async () => {
    let runs = 0;
    const fn = async () => ({ status: 201, body: { id: `created-${++runs}` }, headers: { etag: '"1"' } });
    const first = await storage.idempotency.run("user-1|POST /api/notices", "k1", "h1", fn);
    const again = await storage.idempotency.run("user-1|POST /api/notices", "k1", "h1", fn);
    expect(runs).toBe(1);
    expect(first).toEqual({
      result: { status: 201, body: { id: "created-1" }, headers: { etag: '"1"' } },
      replayed: false,
    });
    expect(again).toEqual({
      result: { status: 201, body: { id: "created-1" }, headers: { etag: '"1"' } },
      replayed: true,
    });
    // Another scope with the same key is a different request.
    const other = await storage.idempotency.run("user-2|POST /api/notices", "k1", "h1", fn);
    expect(other.replayed).toBe(false);
    expect(runs).toBe(2);
  });

  it("concurrent duplicates: fn runs once; the others get CONFLICT while pending, then the stored answer", async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const fn = async () => {
      runs += 1;
      await gate;
      return { status: 200, body: { n: runs } };
    };
    const settledP = Promise.allSettled(
      Array.from({ length: 8 }, () => storage.idempotency.run("u|POST /x", "dup", "h", fn)),
    );
    // Let every duplicate reach storage before the first finishes.
    await new Promise((r) => setTimeout(r, 300));
    release();
    const settled = await settledP;
    expect(runs).toBe(1);
    const fulfilled = settled.filter((s) => s.status === "fulfilled");
    const rejected = settled.filter((s) => s.status === "rejected") as PromiseRejectedResult[];
    expect(fulfilled).toHaveLength(1);
    for (const r of rejected) {
      expect(r.reason.code).toBe("CONFLICT");
      expect(r.reason.retryAfter).toBeGreaterThan(0);
    }
    const later = await storage.idempotency.run("u|POST /x", "dup", "h", fn);
    expect(later).toEqual({ result: { status: 200, body: { n: 1 } }, replayed: true });
    expect(runs).toBe(1);
  });

  it("a different request under the same key is IDEMPOTENCY_KEY_REUSED", async () => {
    await storage.idempotency.run("u|POST /y", "k", "hash-a", async () => ({ status: 200, body: "a" }));
    expect(
      await codeOf(storage.idempotency.run("u|POST /y", "k", "hash-b", async () => ({ status: 200, body: "b" }))),
    ).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("a failed fn frees the key so the client can retry", async () => {
    let runs = 0;
    await expect(
      storage.idempotency.run("u|POST /z", "k", "h", async () => {
        runs += 1;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const ok = await storage.idempotency.run("u|POST /z", "k", "h", async () => ({ status: 200, body: ++runs }));
    expect(ok).toEqual({ result: { status: 200, body: 2 }, replayed: false });
  });

  it("a pending row whose owner died is taken over after the lock expires", async () => {
    const never = new Promise<never>(() => undefined);
    void storage.idempotency.run("u|POST /dead", "k", "h", () => never).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 150));
    expect(
      await codeOf(storage.idempotency.run("u|POST /dead", "k", "h", async () => ({ status: 200, body: 1 }))),
    ).toBe("CONFLICT");
    now = new Date(now.getTime() + 3 * 60_000);
    const taken = await storage.idempotency.run("u|POST /dead", "k", "h", async () => ({
      status: 200,
      body: "second owner",
    }));
    expect(taken).toEqual({ result: { status: 200, body: "second owner" }, replayed: false });
  });

  it("keys expire after 24 h: an expired key is fresh again, and the sweep deletes old rows", async () => {
    let runs = 0;
    const fn = async () => ({ status: 200, body: ++runs });
    await storage.idempotency.run("u|POST /ttl", "old", "h", fn);
    await storage.idempotency.run("u|POST /ttl", "old2", "h", fn);
    now = new Date(now.getTime() + 25 * 3600_000);
    await storage.idempotency.run("u|POST /ttl", "fresh", "h", fn);
    expect((await storage.idempotency.run("u|POST /ttl", "old", "h", fn)).replayed).toBe(false);
    expect(runs).toBe(4);
    const deleted = await storage.idempotency.sweepExpired();
    expect(deleted).toBeGreaterThanOrEqual(1); // "old2" (and earlier tests' rows)
    expect((await storage.idempotency.run("u|POST /ttl", "fresh", "h", fn)).replayed).toBe(true);
    expect((await storage.idempotency.run("u|POST /ttl", "old2", "h", fn)).replayed).toBe(false);
  });

  it("a claim whose reply was lost is still ours: the SDK's retried create gets 409 for our own row", async () => {
    const table = await storage.resources.table(TABLES.idempotency);
    const lost = loseNextReply(table, isTableInsert);
    let runs = 0;
    const fn = async () => ({ status: 201, body: { n: ++runs } });
    try {
      const first = await storage.idempotency.run("u|POST /lost", "k", "h", fn);
      expect(lost.dropped).toBe(1);
      expect(first).toEqual({ result: { status: 201, body: { n: 1 } }, replayed: false });
    } finally {
      lost.restore();
    }
    expect(await storage.idempotency.run("u|POST /lost", "k", "h", fn)).toEqual({
      result: { status: 201, body: { n: 1 } },
      replayed: true,
    });
    expect(runs).toBe(1);
  }, 15_000);
});
