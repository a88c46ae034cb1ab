/**
 * Acceptance (issue 3): under documented throttling, creating list items as fast as possible is
 * refused with 429 after about 1,200 RU in a minute, with Retry-After, and the Graph SDK's default
 * RetryHandler recovers.
 *
 * To keep the test short without faking the SDK, the tenant's clock (the `now` option, which the
 * limits and token checks use) stands still at "58 s before the burst" while the burst runs; then
 * it runs on from 58 s later. The budget window therefore sees the whole burst as having happened
 * ~58 s ago, and the Retry-After the SDK receives is ~2 s instead of up to 60 s.
 */
import { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "../contract/examples.js";
import { appToken, graphFetch, startTestTenant } from "../contract/fixture.js";
import { compareShape } from "../contract/shape.js";
import { ensureSite } from "../graph/sharepoint/model.js";
import type { RunningTenant } from "../server.js";

let tenant: RunningTenant;
/** The tenant's clock: frozen at a fixed instant, or following real time with an offset. */
let frozenAt: number | undefined;
let offsetMs = 0;
const tenantNow = () => new Date(frozenAt ?? Date.now() + offsetMs);

let siteId: string;

beforeAll(async () => {
  tenant = await startTestTenant({ seed: false, throttle: "documented", now: tenantNow });
  ({ siteId } = ensureSite(tenant.ctx, { key: "throttle-test", displayName: "スロットリング試験" }));
});
afterAll(async () => {
  await tenant?.stop();
});

interface Stats {
  apis: Record<string, { requests: number; resourceUnits: number; throttled: number; errors: number }>;
}

describe("documented SharePoint throttling: list items created as fast as possible", () => {
  it("is refused with 429 after ~1,200 RU with Retry-After; the Graph SDK honours it and recovers", async () => {
    // The burst happens "58 s ago" on the tenant's clock; the token is issued on that clock too.
    const burstAt = Date.now() - 58_000;
    frozenAt = burstAt;
    const token = await appToken(tenant);
    const created = await graphFetch(tenant, token, `/v1.0/sites/${siteId}/lists`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ displayName: "Burst", list: { template: "genericList" } }),
    });
    expect(created.status).toBe(201);
    const listId = ((await created.json()) as { id: string }).id;
    const itemsPath = `/v1.0/sites/${siteId}/lists/${listId}/items`;
    // only the burst counts: start from an empty budget and empty stats
    expect((await fetch(`${tenant.origin}/_emulator/limits/reset`, { method: "POST" })).status).toBe(204);
    expect((await fetch(`${tenant.origin}/_emulator/stats/reset`, { method: "POST" })).status).toBe(204);

    // Raw fetch, no retries: create until the first refusal.
    let createdItems = 0;
    let refused: Response | undefined;
    for (let i = 0; i < 1_000 && !refused; i++) {
      const res = await graphFetch(tenant, token, itemsPath, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fields: { Title: `item ${i}` } }),
      });
      if (res.status === 201) {
        createdItems++;
        await res.arrayBuffer();
      } else refused = res;
    }
    // 2 RU per create (a write) against 1,200 RU per minute
    expect(createdItems).toBe(600);
    expect(refused?.status).toBe(429);
    const retryAfterHeader = refused?.headers.get("retry-after") ?? "";
    expect(retryAfterHeader).toMatch(/^\d+$/);
    // frozen clock: the whole window is still ahead, so the wait is the full minute
    expect(Number(retryAfterHeader)).toBe(60);
    const body = (await refused?.json()) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(compareShape(loadExample("graph.error-429-throttling").response.body, body)).toEqual([]);
    expect(body.error.code).toBe("activityLimitReached");
    expect(body.error.innerError.status).toBe("429");
    expect(body.error.innerError["request-id"]).toMatch(/[0-9a-f-]{36}/);

    // The tenant's clock moves on to 58 s after the burst and runs from there.
    const resumedAt = Date.now();
    offsetMs = burstAt + 58_000 - resumedAt;
    frozenAt = undefined;

    // The Graph SDK with its default middleware chain (RetryHandler honours Retry-After). A
    // pass-through spy on fetch (which the SDK's HTTPMessageHandler calls) records what it got.
    const seen: { status: number; retryAfter: string | null; at: number }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      seen.push({ status: res.status, retryAfter: res.headers.get("retry-after"), at: Date.now() });
      return res;
    };
    const client = Client.initWithMiddleware({
      authProvider: { getAccessToken: async () => token },
      baseUrl: `${tenant.origin}/`,
      defaultVersion: "v1.0",
      customHosts: new Set(["localhost"]),
    });
    const started = Date.now();
    let item: { id: string; fields: { Title: string } };
    try {
      item = await client.api(`/sites/${siteId}/lists/${listId}/items`).post({ fields: { Title: "after the wait" } });
    } finally {
      globalThis.fetch = realFetch;
    }
    const finished = Date.now();
    expect(item.fields.Title).toBe("after the wait");
    // the window still held the burst: first refused with Retry-After ≈ 2 s, then created
    expect(seen.map((s) => s.status)).toEqual([429, 201]);
    const [first, second] = seen as [(typeof seen)[0], (typeof seen)[0]];
    const retryAfter = Number(first.retryAfter);
    expect(first.retryAfter).toMatch(/^\d+$/);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    // the SDK waited at least Retry-After before trying again
    expect(second.at - first.at).toBeGreaterThanOrEqual(retryAfter * 1_000);
    expect(finished - started).toBeGreaterThanOrEqual(retryAfter * 1_000);

    const stats = (await (await fetch(`${tenant.origin}/_emulator/stats`)).json()) as Stats;
    // one api, named after the documented route: the burst's creates and its 429, then the SDK's
    // 429 and its success; every attempt is charged 2 RU, throttled ones too (they count against the budget)
    expect(stats.apis).toEqual({
      "POST /v1.0/sites/{site-id}/lists/{list-id}/items": {
        requests: createdItems + 3,
        resourceUnits: 2 * (createdItems + 3),
        throttled: 2,
        errors: 0,
      },
    });
    expect(createdItems + 1).toBe(countItems(listId));
  }, 30_000);
});

function countItems(listId: string): number {
  return [...tenant.ctx.store.collection<{ listId?: string }>("sp.listItems").values()].filter(
    (i) => i.listId === listId,
  ).length;
}
