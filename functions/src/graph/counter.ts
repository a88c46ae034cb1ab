/**
 * Counts the HTTP calls Kōmu makes to Microsoft Graph, per operation (method + path with ids
 * replaced), including retries. Benchmarks and tests read `snapshot()`.
 */
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

export interface GraphCallCounter {
  snapshot(): Record<string, number>;
  total(): number;
  reset(): void;
  record(operation: string): void;
  /** SharePoint resource units estimated for a call (graph/sharepoint-budget.ts). */
  recordUnits?(operation: string, ru: number): void;
  /** Estimated SharePoint RU per operation since the last reset. */
  unitsSnapshot?(): Record<string, number>;
  /** Estimated SharePoint RU since the last reset. */
  totalUnits?(): number;
}

export function createGraphCallCounter(): GraphCallCounter {
  const counts = new Map<string, number>();
  const units = new Map<string, number>();
  const sorted = (m: Map<string, number>) =>
    Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return {
    snapshot: () => sorted(counts),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => {
      counts.clear();
      units.clear();
    },
    record: (operation) => counts.set(operation, (counts.get(operation) ?? 0) + 1),
    recordUnits: (operation, ru) => units.set(operation, (units.get(operation) ?? 0) + ru),
    unitsSnapshot: () => sorted(units),
    totalUnits: () => [...units.values()].reduce((a, b) => a + b, 0),
  };
}

const ID_LIKE =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|.*\d.*|.*[,!:@].*|[A-Za-z0-9_-]{20,})$/i;

/** "GET https://host/v1.0/users/<guid>/memberOf/microsoft.graph.group?$select=…" → "GET /users/{id}/memberOf/microsoft.graph.group" */
export function operationName(method: string, url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split("?")[0] ?? url;
  }
  const segments = path
    .split("/")
    .filter(Boolean)
    .filter((s, i) => !(i === 0 && /^(v1\.0|beta)$/.test(s)))
    .map((s) =>
      s.startsWith("microsoft.graph.") || s === "$batch" || s === "$value"
        ? s
        : ID_LIKE.test(decodeURIComponent(s))
          ? "{id}"
          : s,
    );
  return `${method.toUpperCase()} /${segments.join("/")}`;
}

/** A Graph SDK middleware that records each call that reaches the network. */
export class CountingMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly counter: GraphCallCounter) {}

  async execute(context: Context): Promise<void> {
    const request = context.request;
    const url = typeof request === "string" ? request : request.url;
    const method = context.options?.method ?? (typeof request === "string" ? "GET" : request.method);
    this.counter.record(operationName(method, url));
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Retries idempotent reads (GET) when the connection drops before an answer (fetch throws),
 * which the SDK's RetryHandler does not cover. Writes are never retried here: their caller owns
 * idempotency (outbox).
 */
export class NetworkRetryMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly attempts = 3,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async execute(context: Context): Promise<void> {
    const method = (context.options?.method ?? "GET").toUpperCase();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.next?.execute(context);
        return;
      } catch (error) {
        if (method !== "GET" || attempt >= this.attempts || !(error instanceof TypeError)) throw error;
        await this.sleep(200 * attempt);
      }
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
