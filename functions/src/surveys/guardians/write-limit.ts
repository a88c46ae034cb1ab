/**
 * Writes per link per minute, in memory (one counter per app process; several instances each
 * allow their own share). Enough to stop a script hammering one link; a guardian saving a draft
 * and submitting never comes near it. Keys are evicted oldest-first beyond `maxKeys`.
 */
import { KomuError } from "@komu/shared";

export interface WriteLimit {
  /** Counts one write for `key`; RATE_LIMITED (with Retry-After) beyond the limit. */
  take(key: string, now: Date): void;
}

export function writeLimit(limit: number, windowMs: number, maxKeys = 10_000): WriteLimit {
  const hits = new Map<string, number[]>();
  return {
    take(key, now) {
      const t = now.getTime();
      const recent = (hits.get(key) ?? []).filter((at) => t - at < windowMs && at <= t);
      if (recent.length >= limit) {
        hits.set(key, recent);
        const retryAfter = Math.max(1, Math.ceil((windowMs - (t - (recent[0] as number))) / 1000));
        throw new KomuError("RATE_LIMITED", { retryAfter, details: { limit, windowSeconds: windowMs / 1000 } });
      }
      recent.push(t);
      hits.delete(key);
      hits.set(key, recent);
      while (hits.size > maxKeys) hits.delete(hits.keys().next().value as string);
    },
  };
}
