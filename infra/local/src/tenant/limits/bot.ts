/**
 * Bot Connector rate limits (../shared/docs/platform-limits.md): per bot per conversation
 * 7/1 s, 8/2 s, 60/30 s, 1,800/hour; per app per tenant 50 requests/s. Throttled requests count.
 */
import { SlidingWindow } from "./window.js";

export const BOT_THREAD_LIMITS: readonly (readonly [limit: number, windowMs: number])[] = [
  [7, 1_000],
  [8, 2_000],
  [60, 30_000],
  [1_800, 3_600_000],
];
export const BOT_TENANT_LIMIT: readonly [number, number] = [50, 1_000];

export class BotBudget {
  private threads = new Map<string, SlidingWindow[]>();
  private tenant = new SlidingWindow(BOT_TENANT_LIMIT[0], BOT_TENANT_LIMIT[1]);

  /** Records one request; returns seconds to wait when it is over a limit. */
  take(conversationId: string, now: number, enforce: boolean): { ok: true } | { ok: false; retryAfterSeconds: number } {
    let windows = this.threads.get(conversationId);
    if (!windows) {
      windows = BOT_THREAD_LIMITS.map(([limit, ms]) => new SlidingWindow(limit, ms));
      this.threads.set(conversationId, windows);
    }
    const all = [...windows, this.tenant];
    const waits = all.map((w) => w.waitMs(now, 1));
    for (const w of all) w.record(now, 1);
    const waitMs = Math.max(...waits);
    if (waitMs <= 0 || !enforce) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  reset(): void {
    this.threads.clear();
    this.tenant = new SlidingWindow(BOT_TENANT_LIMIT[0], BOT_TENANT_LIMIT[1]);
  }
}
