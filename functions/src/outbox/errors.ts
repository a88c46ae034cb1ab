/**
 * How a failed side effect is judged: retry (no sooner than Retry-After) or give up.
 *
 * Retryable: RetryableError; KomuError RATE_LIMITED / UPSTREAM_UNAVAILABLE; HTTP-ish errors
 * (Graph client GraphError, Azure RestError, anything with `statusCode`/`status`) with 408, 425,
 * 429, 500, 502, 503, 504; network failures (GraphError status -1, fetch "fetch failed",
 * ECONNRESET / ECONNREFUSED / ETIMEDOUT / EPIPE / UND_ERR_*, AbortError / TimeoutError); and
 * errors we cannot classify (a transient fault is likelier than a bug; attempts are capped).
 * Not retryable: NonRetryableError, other 4xx, KomuError with a 4xx status or
 * CONFIGURATION_INVALID, zod errors.
 */
import { isKomuError } from "@komu/shared";

export class RetryableError extends Error {
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, opts: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "RetryableError";
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export class NonRetryableError extends Error {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "NonRetryableError";
  }
}

export interface Classified {
  retryable: boolean;
  retryAfterSeconds?: number;
  /** A short, storable description ("GraphError 429 activityLimitReached: …"). */
  message: string;
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const NETWORK_CODES =
  /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|UND_ERR_.*)$/;

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, (t - now.getTime()) / 1000);
}

function headerOf(e: Record<string, unknown>, name: string): string | undefined {
  const h = e.headers ?? (e.response as Record<string, unknown> | undefined)?.headers;
  if (!h) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  if (typeof h === "object") {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      if (k.toLowerCase() === name.toLowerCase()) return Array.isArray(v) ? String(v[0]) : String(v);
    }
  }
  return undefined;
}

function networkCode(e: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.test(code)) return code;
  const name = (e as { name?: unknown }).name;
  if (name === "AbortError" || name === "TimeoutError") return String(name);
  if (e instanceof TypeError && /fetch failed|network|socket/i.test(e.message)) return "fetch failed";
  return networkCode((e as { cause?: unknown }).cause, depth + 1);
}

const describe = (e: unknown): string => {
  if (e instanceof Error) {
    const status = (e as { statusCode?: unknown }).statusCode ?? (e as { status?: unknown }).status;
    const code = (e as { code?: unknown }).code;
    return [
      e.name,
      typeof status === "number" ? status : "",
      typeof code === "string" ? code : "",
      e.message && `: ${e.message}`,
    ]
      .filter(Boolean)
      .join(" ")
      .slice(0, 2000);
  }
  return String(e).slice(0, 2000);
};

export function classifyError(e: unknown, now: Date = new Date()): Classified {
  const message = describe(e);
  if (e instanceof RetryableError) return { retryable: true, retryAfterSeconds: e.retryAfterSeconds, message };
  if (e instanceof NonRetryableError) return { retryable: false, message };
  if (isKomuError(e)) {
    // CONFIGURATION_INVALID (e.g. missing consent) will not heal by itself: dead-letter, replay after the fix.
    if (
      e.code === "RATE_LIMITED" ||
      e.code === "UPSTREAM_UNAVAILABLE" ||
      (e.status >= 500 && e.code !== "CONFIGURATION_INVALID")
    ) {
      return { retryable: true, retryAfterSeconds: e.retryAfter, message };
    }
    return { retryable: false, message };
  }
  if (typeof e === "object" && e !== null) {
    const rec = e as Record<string, unknown>;
    if ((rec.name === "ZodError" || rec.name === "$ZodError") && Array.isArray(rec.issues))
      return { retryable: false, message };
    const status =
      typeof rec.statusCode === "number" ? rec.statusCode : typeof rec.status === "number" ? rec.status : undefined;
    if (status !== undefined && status > 0) {
      if (RETRY_STATUSES.has(status)) {
        return { retryable: true, retryAfterSeconds: parseRetryAfter(headerOf(rec, "retry-after"), now), message };
      }
      if (status >= 400 && status < 500) return { retryable: false, message };
    }
    // Graph client: statusCode -1 means the request never got an HTTP answer.
    if (status === -1 || networkCode(e)) return { retryable: true, message };
  }
  return { retryable: true, message };
}
