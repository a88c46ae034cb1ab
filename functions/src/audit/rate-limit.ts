/**
 * "At most once per window per key", in memory, bounded: used so that repeated, cheap-to-trigger
 * requests (403s, audit verifications) cannot flood a school's audit chain. One instance per app
 * process: with several instances each records its own first event per window (still bounded by
 * instances × keys). Keys are evicted oldest-first beyond `maxKeys`; an evicted key may be
 * recorded again before its window ends, which only costs one more event.
 */
export interface OncePerWindow {
  /** true when `key` has not been allowed within the window ending at `now` (and records it). */
  allow(key: string, now: Date): boolean;
  /** Forgets `key` (e.g. the event could not be written after all). */
  forget(key: string): void;
  readonly size: number;
}

export function oncePerWindow(windowMs: number, maxKeys = 10_000): OncePerWindow {
  const lastAllowed = new Map<string, number>();
  return {
    allow(key, now) {
      const t = now.getTime();
      // Drop expired entries from the oldest end (insertion order = order of allowing).
      for (const [k, at] of lastAllowed) {
        if (t - at < windowMs) break;
        lastAllowed.delete(k);
      }
      const at = lastAllowed.get(key);
      if (at !== undefined && t - at < windowMs && t >= at) return false;
      lastAllowed.delete(key);
      lastAllowed.set(key, t);
      while (lastAllowed.size > maxKeys) {
        const oldest = lastAllowed.keys().next().value as string;
        lastAllowed.delete(oldest);
      }
      return true;
    },
    forget(key) {
      lastAllowed.delete(key);
    },
    get size() {
      return lastAllowed.size;
    },
  };
}
