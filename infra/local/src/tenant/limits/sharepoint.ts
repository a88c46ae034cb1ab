/**
 * SharePoint/OneDrive resource-unit budget per app: 1,200 RU per sliding minute and 1,200,000 RU
 * per day (tenants up to 1,000 licences; ../shared/docs/platform-limits.md). Throttled requests
 * still count. Costs: 1 RU single read, 2 RU multi-item query or write, 5 RU permission operations.
 */
import type { SharePointCost } from "../context.js";
import { SlidingWindow } from "./window.js";

export const SHAREPOINT_RU_COST: Record<SharePointCost, number> = { read: 1, readMulti: 2, write: 2, permission: 5 };
export const SHAREPOINT_RU_PER_MINUTE = 1_200;
export const SHAREPOINT_RU_PER_DAY = 1_200_000;

export type Verdict = { ok: true; ru: number } | { ok: false; ru: number; retryAfterSeconds: number };

export class SharePointBudget {
  private apps = new Map<string, { minute: SlidingWindow; day: SlidingWindow }>();

  constructor(
    private readonly perMinute = SHAREPOINT_RU_PER_MINUTE,
    private readonly perDay = SHAREPOINT_RU_PER_DAY,
  ) {}

  private windows(appId: string) {
    let w = this.apps.get(appId);
    if (!w) {
      w = { minute: new SlidingWindow(this.perMinute, 60_000), day: new SlidingWindow(this.perDay, 86_400_000) };
      this.apps.set(appId, w);
    }
    return w;
  }

  /** Charges `cost` RU at `now`; `enforce` false only counts. */
  charge(appId: string, cost: SharePointCost, now: number, enforce: boolean): Verdict {
    const ru = SHAREPOINT_RU_COST[cost];
    const w = this.windows(appId);
    const fits = w.minute.fits(now, ru) && w.day.fits(now, ru);
    w.minute.record(now, ru);
    w.day.record(now, ru);
    if (fits || !enforce) return { ok: true, ru };
    // Wait until the window (which now includes this throttled request) has room for one more.
    const waitMs = Math.max(w.minute.waitMs(now, ru), w.day.waitMs(now, ru));
    return { ok: false, ru, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  usedThisMinute(appId: string, now: number): number {
    return this.windows(appId).minute.used(now);
  }

  reset(): void {
    this.apps.clear();
  }
}
