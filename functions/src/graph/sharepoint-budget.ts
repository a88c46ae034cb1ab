/**
 * Client-side SharePoint resource-unit (RU) budget. SharePoint throttles each app per tenant by
 * RU per minute (1,200 for tenants up to 1,000 licences; ../shared/docs/platform-limits.md) and a
 * throttled request still costs. Kōmu estimates the RU of each request before sending it and
 * waits until a sliding one-minute window has room, so bulk work (provisioning, filing 500
 * documents) stays inside the budget instead of provoking 429s.
 *
 * Costs (Microsoft's published table): 1 RU for a single-item read or a file download, 2 RU for a
 * multi-item query (collections, search) and for every create/update/delete/upload, 5 RU for
 * permission operations (…/permissions, invite, createLink, $expand=permissions).
 *
 * The window is per process: with several instances, configure each with its share
 * (KOMU_SHAREPOINT_RU_PER_MINUTE = tenant budget / instances). A 429/503 with Retry-After seen by
 * any request pauses every later request until it has passed.
 */
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { GraphCallCounter } from "./counter.js";
import { operationName } from "./counter.js";

export const RU = { read: 1, multi: 2, write: 2, permission: 5 } as const;

/** Entries leave the window this long after a minute, so our edge is never earlier than the service's. */
const SAFETY_MS = 1_000;
const WINDOW_MS = 60_000;

export interface SharePointBudget {
  /** Waits until `ru` fits in the window, then records it. Resolves with the ms waited. */
  acquire(ru: number, signal?: AbortSignal): Promise<number>;
  /** Blocks every acquire until `until` (epoch ms): the service asked us to back off. */
  pauseUntil(until: number): void;
  /** RU recorded in the current window. */
  used(): number;
  readonly perMinute: number;
  /** The budget's clock (epoch ms). */
  now(): number;
  /** Totals since start (for benchmarks). */
  stats(): { acquired: number; waitedMs: number; waits: number };
}

export interface BudgetOptions {
  perMinute: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export function createSharePointBudget(options: BudgetOptions): SharePointBudget {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const capacity = options.perMinute;
  const entries: { at: number; ru: number }[] = [];
  let inWindow = 0;
  let pausedUntil = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const totals = { acquired: 0, waitedMs: 0, waits: 0 };

  const expire = (t: number) => {
    while (entries.length > 0 && (entries[0] as { at: number }).at + WINDOW_MS + SAFETY_MS <= t) {
      inWindow -= (entries.shift() as { ru: number }).ru;
    }
  };

  /** How long until `ru` more fits (0 = now). */
  const waitFor = (ru: number, t: number): number => {
    if (pausedUntil > t) return pausedUntil - t;
    expire(t);
    const need = Math.min(ru, capacity);
    let free = capacity - inWindow;
    if (free >= need) return 0;
    for (const e of entries) {
      free += e.ru;
      if (free >= need) return Math.max(1, e.at + WINDOW_MS + SAFETY_MS - t);
    }
    return WINDOW_MS;
  };

  async function take(ru: number, signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (;;) {
      const t = now();
      const ms = waitFor(ru, t);
      if (ms <= 0) {
        entries.push({ at: t, ru });
        inWindow += ru;
        totals.acquired += ru;
        if (waited > 0) {
          totals.waits += 1;
          totals.waitedMs += waited;
        }
        return waited;
      }
      await sleep(ms, signal);
      waited += ms;
    }
  }

  return {
    perMinute: capacity,
    now,
    acquire(ru, signal) {
      // First come, first served: a big request is not starved by a stream of small ones.
      const mine = tail.then(() => take(ru, signal));
      tail = mine.catch(() => undefined);
      return mine;
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
    used() {
      expire(now());
      return inWindow;
    },
    stats: () => ({ ...totals }),
  };
}

const SHAREPOINT_ROOTS = new Set(["sites", "drives", "search"]);
const PERMISSION_SEGMENTS = new Set(["permissions", "invite", "createlink", "grant"]);
/** Last path segments that name a collection (a multi-item query when read). */
const COLLECTIONS = new Set([
  "children",
  "items",
  "lists",
  "columns",
  "versions",
  "drives",
  "sites",
  "permissions",
  "contenttypes",
  "delta",
  "activities",
]);

function pathSegments(url: string): string[] {
  let path: string;
  try {
    path = new URL(url, "https://graph.invalid/").pathname;
  } catch {
    path = url.split("?")[0] ?? url;
  }
  return path
    .split("/")
    .filter(Boolean)
    .filter((s, i) => !(i === 0 && /^(v1\.0|beta)$/.test(s)));
}

/** Drops the path of Graph's path addressing ("root:/a/b.pdf:" → "root"), lower-cased. */
function addressedSegments(segments: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = safeDecode(segments[i] as string).toLowerCase();
    if (s.length > 1 && s.endsWith(":")) {
      out.push(s.slice(0, -1));
      // Skip the addressed path up to and including the segment that closes it.
      let j = i + 1;
      while (j < segments.length && !(segments[j] as string).endsWith(":")) j++;
      i = j;
    } else out.push(s);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The RU a Graph request costs SharePoint, or 0 when it is not a SharePoint request
 * (directory, calendar …). `url` may be absolute or relative to the version root.
 */
export function estimateSharePointRu(method: string, url: string): number {
  const segments = pathSegments(url);
  const root = segments[0]?.toLowerCase();
  if (!root || !SHAREPOINT_ROOTS.has(root)) return 0;
  const plain = addressedSegments(segments);
  const last = plain.at(-1) ?? "";
  const query = url.includes("?") ? safeDecode(url.slice(url.indexOf("?"))).toLowerCase() : "";
  if (plain.some((s) => PERMISSION_SEGMENTS.has(s)) || /\$expand=[^&]*permissions/.test(query)) return RU.permission;
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") {
    if (root === "sites" && plain.length === 1) return RU.multi; // GET /sites?search=
    return COLLECTIONS.has(last) ? RU.multi : RU.read;
  }
  if (root === "search") return RU.multi; // POST /search/query is a query
  return RU.write;
}

/** The summed estimate of a $batch body's inner SharePoint requests. */
export function estimateBatchRu(body: unknown): number {
  let parsed: unknown = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return 0;
    }
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) return 0;
  let ru = 0;
  for (const r of requests as { method?: unknown; url?: unknown }[]) {
    if (typeof r?.method === "string" && typeof r.url === "string") ru += estimateSharePointRu(r.method, r.url);
  }
  return ru;
}

function retryAfterMs(response: Response | undefined, now: number): number | undefined {
  if (!response || (response.status !== 429 && response.status !== 503)) return undefined;
  const raw = response.headers.get("retry-after");
  if (raw === null) return undefined;
  const n = Number(raw);
  if (Number.isFinite(n) && n >= 0) return n * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Graph SDK middleware: waits for budget before each SharePoint request (every attempt, so place
 * it after the RetryHandler), records the estimated RU per operation in the call counter, and
 * pauses the budget when the service answers 429/503 with Retry-After.
 */
export class SharePointBudgetMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly budget: SharePointBudget,
    private readonly counter?: GraphCallCounter,
  ) {}

  async execute(context: Context): Promise<void> {
    const request = context.request;
    const url = typeof request === "string" ? request : request.url;
    const method = context.options?.method ?? (typeof request === "string" ? "GET" : request.method);
    const isBatch = /\/\$batch(\?|$)/.test(url);
    const ru = isBatch ? estimateBatchRu(context.options?.body) : estimateSharePointRu(method, url);
    if (ru > 0) {
      await this.budget.acquire(ru, context.options?.signal ?? undefined);
      this.counter?.recordUnits?.(operationName(method, url), ru);
    }
    await this.next?.execute(context);
    if (ru > 0) {
      const now = this.budget.now();
      const wait = retryAfterMs(context.response, now);
      if (wait !== undefined) this.budget.pauseUntil(now + wait);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
