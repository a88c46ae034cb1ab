/**
 * A sliding-window budget: events (time, weight) within the last `windowMs` may add up to `limit`.
 * Rejected attempts are recorded too (the platform counts throttled requests against the budget).
 */
export class SlidingWindow {
  private events: { at: number; weight: number }[] = [];
  private sum = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < this.events.length && (this.events[drop] as { at: number }).at <= from) {
      this.sum -= (this.events[drop] as { weight: number }).weight;
      drop++;
    }
    if (drop > 0) this.events.splice(0, drop);
  }

  used(now: number): number {
    this.prune(now);
    return this.sum;
  }

  /** Would `weight` more fit now? */
  fits(now: number, weight: number): boolean {
    return this.used(now) + weight <= this.limit;
  }

  record(now: number, weight: number): void {
    this.prune(now);
    this.events.push({ at: now, weight });
    this.sum += weight;
  }

  /** Milliseconds from `now` until `weight` more would fit (0 if it fits now). */
  waitMs(now: number, weight: number): number {
    this.prune(now);
    let excess = this.sum + weight - this.limit;
    if (excess <= 0) return 0;
    for (const e of this.events) {
      excess -= e.weight;
      if (excess <= 0) return Math.max(0, e.at + this.windowMs - now);
    }
    // weight alone is larger than the limit: it will never fit; answer the full window.
    return this.windowMs;
  }
}
