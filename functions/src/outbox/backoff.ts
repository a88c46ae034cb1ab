/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * base·2^(n-1) (capped at max), and never less than the Retry-After the failure carried.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export function backoffMs(
  attempt: number,
  opts: BackoffOptions,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  const floor = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 0;
  return Math.max(jittered, floor);
}
