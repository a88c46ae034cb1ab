import { describe, expect, it } from "vitest";
import { createGraphCallCounter } from "./counter.js";
import {
  createSharePointBudget,
  estimateBatchRu,
  estimateSharePointRu,
  SharePointBudgetMiddleware,
} from "./sharepoint-budget.js";

/** A budget on a fake clock: sleeping advances time instead of waiting. */
function fakeBudget(perMinute: number) {
  let t = 1_000_000;
  const slept: number[] = [];
  const budget = createSharePointBudget({
    perMinute,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  });
  return { budget, slept, now: () => t, advance: (ms: number) => (t += ms) };
}

describe("estimateSharePointRu (Microsoft's published costs)", () => {
  it.each([
    ["GET", "https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com:/sites/aoba-e", 1],
    ["GET", "/sites/s1/lists?$filter=displayName eq 'x'", 2],
    ["GET", "/sites?search=aoba", 2],
    ["GET", "/sites/s1/lists/l1/columns", 2],
    ["GET", "/drives/d1/items/i1", 1],
    ["GET", "/drives/d1/items/i1/content", 1],
    ["GET", "/drives/d1/root:/2026年度/A-01 指導要録:/children", 2],
    ["GET", `/drives/d1/root:/${encodeURIComponent("2026年度")}/${encodeURIComponent("報告書.pdf")}:`, 1],
    ["GET", "/drives/d1/items/i1/versions", 2],
    ["GET", "/drives/d1/items/i1?$expand=permissions", 5],
    ["POST", "/drives/d1/items/i1/invite", 5],
    ["POST", "/drives/d1/items/i1/createLink", 5],
    ["PUT", "/drives/d1/root:/a/b.pdf:/content", 2],
    ["PATCH", "/drives/d1/items/i1/listItem/fields", 2],
    ["POST", "/drives/d1/items/i1:/big.pdf:/createUploadSession", 2],
    ["POST", "/sites/s1/lists", 2],
    ["POST", "/search/query", 2],
    ["GET", "/users/u1/memberOf/microsoft.graph.group", 0],
    ["POST", "/users/u1/events", 0],
  ])("%s %s → %i RU", (method, url, ru) => {
    expect(estimateSharePointRu(method, url)).toBe(ru);
  });

  it("sums the SharePoint requests inside a $batch", () => {
    const body = JSON.stringify({
      requests: [
        { id: "1", method: "POST", url: "/drives/d/items/f/children" },
        { id: "2", method: "POST", url: "/drives/d/items/f/children" },
        { id: "3", method: "GET", url: "/users/u1" },
      ],
    });
    expect(estimateBatchRu(body)).toBe(4);
    expect(estimateBatchRu("not json")).toBe(0);
  });
});

describe("createSharePointBudget", () => {
  it("lets requests through until the minute is spent, then waits for the oldest to leave the window", async () => {
    const { budget, slept } = fakeBudget(10);
    for (let i = 0; i < 5; i++) expect(await budget.acquire(2)).toBe(0);
    expect(budget.used()).toBe(10);
    const waited = await budget.acquire(2);
    // The first entry leaves the window after 60 s (+1 s safety), so the wait is about a minute.
    expect(waited).toBeGreaterThanOrEqual(60_000);
    expect(waited).toBeLessThanOrEqual(61_000);
    expect(slept.length).toBeGreaterThan(0);
    expect(budget.used()).toBeLessThanOrEqual(10);
  });

  it("never lets more than the budget through in any minute (sliding window)", async () => {
    const { budget, now } = fakeBudget(100);
    const sent: number[] = [];
    for (let i = 0; i < 400; i++) {
      await budget.acquire(i % 3 === 0 ? 1 : 2);
      sent.push(now());
    }
    // Any 60-second span holds at most 100 RU worth of requests.
    const costs = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 2));
    for (let i = 0; i < sent.length; i++) {
      let sum = 0;
      for (let j = i; j < sent.length && (sent[j] as number) < (sent[i] as number) + 60_000; j++)
        sum += costs[j] as number;
      expect(sum).toBeLessThanOrEqual(100);
    }
    expect(budget.stats().acquired).toBe(costs.reduce((a, b) => a + b, 0));
  });

  it("serves waiters in order, and pauses everyone after Retry-After", async () => {
    const { budget, now, advance } = fakeBudget(1000);
    budget.pauseUntil(now() + 5_000);
    const start = now();
    await budget.acquire(1);
    expect(now() - start).toBeGreaterThanOrEqual(5_000);
    advance(1);
    expect(await budget.acquire(1)).toBe(0);
  });

  it("a request larger than the whole budget still goes through once the window is empty", async () => {
    const { budget } = fakeBudget(4);
    await budget.acquire(3);
    expect(await budget.acquire(5)).toBeGreaterThan(0);
  });

  it("gives up waiting when the caller's signal aborts", async () => {
    const budget = createSharePointBudget({ perMinute: 2 });
    await budget.acquire(2);
    const controller = new AbortController();
    const pending = budget.acquire(2, controller.signal);
    controller.abort(new Error("timed out"));
    await expect(pending).rejects.toThrow("timed out");
    // The queue is not wedged by the aborted waiter.
    budget.pauseUntil(0);
  });
});

describe("SharePointBudgetMiddleware", () => {
  it("waits for budget, counts RU per operation, and pauses on 429 Retry-After", async () => {
    const { budget, now } = fakeBudget(1200);
    const counter = createGraphCallCounter();
    const middleware = new SharePointBudgetMiddleware(budget, counter);
    let status = 200;
    middleware.setNext({
      execute: async (context) => {
        context.response = new Response(null, {
          status,
          headers: status === 429 ? { "Retry-After": "3" } : {},
        });
      },
    });
    await middleware.execute({
      request: "https://g/v1.0/drives/d1/items/i1/listItem/fields",
      options: { method: "PATCH" },
    });
    await middleware.execute({ request: "https://g/v1.0/users/u1", options: { method: "GET" } });
    expect(counter.unitsSnapshot?.()).toEqual({ "PATCH /drives/{id}/items/{id}/listItem/fields": 2 });
    expect(counter.totalUnits?.()).toBe(2);

    status = 429;
    await middleware.execute({ request: "https://g/v1.0/drives/d1/items/i1", options: { method: "GET" } });
    status = 200;
    const before = now();
    await middleware.execute({ request: "https://g/v1.0/drives/d1/items/i1", options: { method: "GET" } });
    expect(now() - before).toBeGreaterThanOrEqual(3_000);
  });
});
