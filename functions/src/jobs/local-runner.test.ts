import { describe, expect, it } from "vitest";
import { RetryableError } from "../outbox/errors.js";
import type { EffectHandlers } from "../outbox/types.js";
import { QUEUES } from "../storage/names.js";
import { createTestStorage } from "../storage/testing.js";
import { jobDefinitions } from "./definitions.js";
import { startLocalJobs } from "./local-runner.js";
import type { JobDeps, TimerJobDefinition } from "./types.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function until(cond: () => Promise<boolean> | boolean, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(100);
  }
  return false;
}

describe("startLocalJobs (Azurite)", () => {
  it("delivers outbox effects through the queue job, retrying after Retry-After", async () => {
    const storage = await createTestStorage({ outbox: { baseDelayMs: 200 } });
    const runs: number[] = [];
    const effectHandlers: EffectHandlers = {
      notify: async (_p, attempt) => {
        runs.push(attempt);
        if (attempt === 1) throw new RetryableError("busy", { retryAfterSeconds: 1 });
      },
    };
    const deps: JobDeps = { storage, effectHandlers, logger: quiet };
    const jobs = startLocalJobs({ definitions: jobDefinitions, deps, queuePollMs: 100 });
    try {
      await storage.outbox.enqueue({ kind: "notify", schoolId: "aoba-e", payload: {}, dedupeKey: "job-1" });
      expect(await until(async () => (await storage.outbox.stats()).done === 1, 8000)).toBe(true);
      expect(runs).toEqual([1, 2]);
    } finally {
      await jobs.stop();
    }
  }, 15_000);

  it("moves unreadable messages to the poison queue", async () => {
    const storage = await createTestStorage();
    const jobs = startLocalJobs({
      definitions: jobDefinitions,
      deps: { storage, effectHandlers: {}, logger: quiet },
      queuePollMs: 100,
    });
    try {
      await (await storage.resources.queue(QUEUES.outbox)).sendMessage(Buffer.from('{"hello":1}').toString("base64"));
      const poison = await storage.resources.queue(`${QUEUES.outbox}-poison`);
      expect(await until(async () => (await poison.peekMessages()).peekedMessageItems.length === 1, 5000)).toBe(true);
    } finally {
      await jobs.stop();
    }
  });

  it("runs timer jobs on their interval without overlapping, and stops", async () => {
    const storage = await createTestStorage();
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const slow: TimerJobDefinition = {
      id: "slow",
      schedule: "* * * * * *",
      async handler() {
        runs += 1;
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(1500);
        concurrent -= 1;
      },
    };
    const jobs = startLocalJobs({
      definitions: [slow],
      deps: { storage, effectHandlers: {}, logger: quiet },
      tickMs: 100,
      runTimersOnStart: true,
    });
    await sleep(3300);
    await jobs.stop();
    const after = runs;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(3);
    expect(maxConcurrent).toBe(1);
    await sleep(1200);
    expect(runs).toBe(after);
  }, 10_000);

  it("runs the sweepers as timer jobs", async () => {
    const storage = await createTestStorage();
    const jobs = startLocalJobs({ definitions: jobDefinitions, deps: { storage, effectHandlers: {}, logger: quiet } });
    try {
      await jobs.runTimer("outbox-sweeper");
      await jobs.runTimer("idempotency-sweep");
      await expect(jobs.runTimer("nope")).rejects.toThrow();
    } finally {
      await jobs.stop();
    }
  });
});
