import { describe, expect, it } from "vitest";
import { createTestStorage } from "../storage/testing.js";
import { RetryableError } from "./errors.js";
import type { EffectHandlers } from "./types.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("outbox deliverNow (Azurite)", () => {
  it("runs an effect inline once; the worker then only drops its message", async () => {
    const storage = await createTestStorage({ outbox: { baseDelayMs: 200, leaseSeconds: 10 } });
    let runs = 0;
    const handlers: EffectHandlers = {
      "records.file": async () => {
        runs += 1;
      },
    };
    const { id } = await storage.outbox.enqueue({
      kind: "records.file",
      schoolId: "aoba-e",
      payload: { recordId: "r1" },
      dedupeKey: "r1",
    });
    const decision = await storage.outbox.deliverNow(id, "aoba-e", handlers);
    expect(decision).toEqual({ action: "delete", outcome: "delivered" });
    expect(runs).toBe(1);
    // Delivering again inline or through the queue does not run it a second time.
    expect((await storage.outbox.deliverNow(id, "aoba-e", handlers)).outcome).toBe("skipped");
    const r = await storage.outbox.processOnce({ handlers });
    expect(r.received).toBe(1);
    expect(r.skipped).toBe(1);
    expect(runs).toBe(1);
    expect(await storage.outbox.stats()).toMatchObject({ pending: 0, done: 1 });
  });

  it("a failed inline attempt is retried by the worker from the same queue message", async () => {
    const storage = await createTestStorage({ outbox: { baseDelayMs: 200, maxDelayMs: 500, leaseSeconds: 10 } });
    const attempts: number[] = [];
    const handlers: EffectHandlers = {
      "records.file": async (_payload, attempt) => {
        attempts.push(attempt);
        if (attempt === 1) throw new RetryableError("SharePoint is busy", { retryAfterSeconds: 1 });
      },
    };
    const { id } = await storage.outbox.enqueue({
      kind: "records.file",
      schoolId: "aoba-e",
      payload: {},
      dedupeKey: "r2",
    });
    const decision = await storage.outbox.deliverNow(id, "aoba-e", handlers);
    expect(decision).toMatchObject({ action: "retryLater", outcome: "retried" });
    const deadline = Date.now() + 15_000;
    while ((await storage.outbox.stats()).pending > 0 && Date.now() < deadline) {
      await storage.outbox.processOnce({ handlers });
      await sleep(200);
    }
    expect(attempts).toEqual([1, 2]);
    expect(await storage.outbox.stats()).toMatchObject({ pending: 0, done: 1, dead: 0 });
  });
});
