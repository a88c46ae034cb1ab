/**
 * Per-request accounting scope: the core middleware opens one per request; limits add the RU
 * they charge so that stats are recorded once, under the route pattern, with the right RU.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  resourceUnits: number;
  throttled: boolean;
  /** The api name the first charge gave ("POST /sites/{site-id}/lists/{list-id}/items"), for routes Hono only knows as a wildcard. */
  api?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(fn: () => Promise<T>): { scope: RequestScope; result: Promise<T> } {
  const scope: RequestScope = { resourceUnits: 0, throttled: false };
  return { scope, result: storage.run(scope, fn) };
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
