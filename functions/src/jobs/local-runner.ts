/**
 * Runs job definitions locally the way Azure Functions would:
 *  - timer jobs every interval derived from their NCRONTAB schedule (checked each `tickMs`;
 *    a job never overlaps itself);
 *  - queue jobs by polling their queue: a message is invisible while its handler runs, deleted on
 *    success, shown again after a short delay on failure, and moved to `<queue>-poison` after
 *    `maxDequeueCount` deliveries or when its payload fails the job's schema (like the host).
 * `stop()` ends the loops and waits for running handlers.
 */
import type { QueueClient } from "@azure/storage-queue";
import type { Storage } from "../storage/index.js";
import { ncrontabIntervalMs } from "./ncrontab.js";
import { isTimerJob, type JobDefinition, type JobLogger, type QueueJobDefinition } from "./types.js";

export interface LocalJobsOptions<D extends { storage: Storage; logger: JobLogger }> {
  definitions: readonly JobDefinition<D>[];
  deps: D;
  /** How often timers are checked (default 1000 ms). */
  tickMs?: number;
  /** Idle wait between empty queue polls (default 1000 ms). */
  queuePollMs?: number;
  /** Run every timer job once right away (default false, as in Azure). */
  runTimersOnStart?: boolean;
  maxDequeueCount?: number;
  /** Invisible time of a message while its handler runs (default 300 s). */
  visibilitySeconds?: number;
  clock?: () => Date;
}

export interface LocalJobs {
  stop(): Promise<void>;
  /** Runs one timer job now (also used by dev tools). */
  runTimer(id: string): Promise<void>;
}

/** Queue message text → what a Functions queue trigger hands the handler (base64 JSON → object). */
export function decodeQueueText(text: string): unknown {
  let decoded = text;
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0) {
    const utf8 = Buffer.from(text, "base64").toString("utf8");
    if (!utf8.includes("\uFFFD")) decoded = utf8;
  }
  try {
    return JSON.parse(decoded);
  } catch {
    return decoded;
  }
}

export function startLocalJobs<D extends { storage: Storage; logger: JobLogger }>(
  opts: LocalJobsOptions<D>,
): LocalJobs {
  const { deps, definitions } = opts;
  const clock = opts.clock ?? (() => new Date());
  const tickMs = opts.tickMs ?? 1000;
  const pollMs = opts.queuePollMs ?? 1000;
  const maxDequeue = opts.maxDequeueCount ?? 5;
  const visibility = opts.visibilitySeconds ?? 300;
  let stopped = false;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((res) => {
      const done = () => {
        clearTimeout(t);
        wakers.delete(done);
        res();
      };
      const t = setTimeout(done, ms);
      wakers.add(done);
    });

  // Timers.
  const timers = definitions.filter(isTimerJob).map((def) => ({
    def,
    interval: ncrontabIntervalMs(def.schedule),
    next: clock().getTime() + (opts.runTimersOnStart ? 0 : ncrontabIntervalMs(def.schedule)),
    running: undefined as Promise<void> | undefined,
  }));
  const runTimer = async (t: (typeof timers)[number]): Promise<void> => {
    if (t.running) return t.running;
    t.running = (async () => {
      try {
        await t.def.handler(deps, { now: clock() });
      } catch (e) {
        deps.logger.error(`job ${t.def.id} failed`, { error: String(e) });
      } finally {
        t.running = undefined;
      }
    })();
    return t.running;
  };
  const timerLoop = (async () => {
    while (!stopped) {
      const now = clock().getTime();
      for (const t of timers) {
        if (now >= t.next && !t.running) {
          t.next = now + t.interval;
          void runTimer(t);
        }
      }
      await sleep(tickMs);
    }
  })();

  // Queues.
  const handleMessage = async (
    def: QueueJobDefinition<D>,
    queue: QueueClient,
    poison: () => Promise<QueueClient>,
    m: { messageId: string; popReceipt: string; messageText: string; dequeueCount: number },
  ) => {
    const payload = decodeQueueText(m.messageText);
    const toPoison = async (why: string) => {
      deps.logger.warn(`job ${def.id}: message moved to the poison queue`, { messageId: m.messageId, why });
      await (await poison()).sendMessage(m.messageText);
      await queue.deleteMessage(m.messageId, m.popReceipt).catch(() => undefined);
    };
    if (def.payloadSchema && !def.payloadSchema.safeParse(payload).success)
      return toPoison("payload does not match the job's schema");
    try {
      await def.handler(deps, payload);
      await queue.deleteMessage(m.messageId, m.popReceipt).catch(() => undefined);
    } catch (e) {
      if (m.dequeueCount >= maxDequeue) return toPoison(String(e));
      deps.logger.warn(`job ${def.id} failed; will retry`, {
        messageId: m.messageId,
        dequeueCount: m.dequeueCount,
        error: String(e),
      });
      await queue
        .updateMessage(m.messageId, m.popReceipt, undefined, Math.min(30, 2 ** m.dequeueCount))
        .catch(() => undefined);
    }
  };
  const queueLoops = definitions
    .filter((d): d is QueueJobDefinition<D> => !isTimerJob(d))
    .map(async (def) => {
      const queue = await deps.storage.resources.queue(def.queue);
      const poison = () => deps.storage.resources.queue(`${def.queue}-poison`);
      while (!stopped) {
        try {
          const got = await queue.receiveMessages({ numberOfMessages: 16, visibilityTimeout: visibility });
          if (got.receivedMessageItems.length === 0) {
            await sleep(pollMs);
            continue;
          }
          await Promise.all(got.receivedMessageItems.map((m) => handleMessage(def, queue, poison, m)));
        } catch (e) {
          deps.logger.error(`job ${def.id}: queue poll failed`, { error: String(e) });
          await sleep(pollMs * 2);
        }
      }
    });

  return {
    async runTimer(id) {
      const t = timers.find((x) => x.def.id === id);
      if (!t) throw new Error(`no timer job "${id}"`);
      await runTimer(t);
    },
    async stop() {
      stopped = true;
      for (const w of [...wakers]) w();
      await Promise.all([timerLoop, ...queueLoops, ...timers.map((t) => t.running)]);
    },
  };
}
