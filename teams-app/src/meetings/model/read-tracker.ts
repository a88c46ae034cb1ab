/**
 * Which pages to report as seen (POST …/read): a page counts once it has been the page in view
 * for at least `dwellMs`; reports go out at most once every `intervalMs` (the pages seen since
 * the last report, each page once per opening of the material).
 */
export class ReadTracker {
  private current: { page: number; since: number } | null = null;
  private readonly seen = new Set<number>();
  private readonly pending: number[] = [];
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly dwellMs = 1000,
    private readonly intervalMs = 3000,
  ) {}

  /** The page in view changed (null: nothing in view, e.g. the tab is hidden). */
  show(page: number | null, now: number): void {
    this.settle(now);
    this.current = page === null ? null : { page, since: now };
  }

  private settle(now: number): void {
    const c = this.current;
    if (c && now - c.since >= this.dwellMs && !this.seen.has(c.page)) {
      this.seen.add(c.page);
      this.pending.push(c.page);
    }
  }

  /** Pages to report now (empty while within the interval or nothing new; `force`: regardless of the interval, e.g. when leaving). */
  due(now: number, force = false): number[] {
    this.settle(now);
    if (this.pending.length === 0 || (!force && now - this.lastReport < this.intervalMs)) return [];
    this.lastReport = now;
    return this.pending.splice(0);
  }

  /** A report failed: these pages go back to be reported again. */
  retry(pages: readonly number[]): void {
    for (const p of pages) if (!this.pending.includes(p)) this.pending.push(p);
  }
}
