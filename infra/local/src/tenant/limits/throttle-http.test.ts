import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appToken, graphFetch, startTestTenant } from "../contract/fixture.js";
import type { RunningTenant } from "../server.js";

let tenant: RunningTenant;
let token: string;

beforeAll(async () => {
  tenant = await startTestTenant({
    seed: false,
    graphModules: [
      (app, ctx) => {
        // a tiny SharePoint-charged route: 2 RU (multi-item query) per call
        app.get("/test/charged", (c) => {
          ctx.limits.sharePoint(c.get("caller").appId, "readMulti", "GET /test/charged");
          return c.json({ ok: true });
        });
      },
    ],
  });
  token = await appToken(tenant);
});
afterAll(async () => {
  await tenant?.stop();
});

describe("documented SharePoint throttling over HTTP", () => {
  it("a loop of charged calls gets 429 after ~1,200 RU in a minute, with Retry-After; stats show it", async () => {
    await fetch(`${tenant.origin}/_emulator/stats/reset`, { method: "POST" });
    let okCalls = 0;
    let throttled: Response | undefined;
    for (let i = 0; i < 700 && !throttled; i++) {
      const res = await graphFetch(tenant, token, "/v1.0/test/charged");
      if (res.status === 200) {
        okCalls++;
        await res.arrayBuffer();
      } else throttled = res;
    }
    expect(okCalls).toBe(600); // 600 × 2 RU = 1,200 RU
    expect(throttled?.status).toBe(429);
    const retryAfter = Number(throttled?.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await throttled?.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("activityLimitReached");
    expect(body.error.innerError.status).toBe("429");
    const stats = (await (await fetch(`${tenant.origin}/_emulator/stats`)).json()) as {
      apis: Record<string, { requests: number; resourceUnits: number; throttled: number }>;
    };
    expect(stats.apis["GET /v1.0/test/charged"]).toEqual({
      requests: 601,
      resourceUnits: 1_202,
      throttled: 1,
      errors: 0,
    });
  });

  it("with throttle off nothing is refused", async () => {
    await fetch(`${tenant.origin}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ throttle: "off" }),
    });
    const res = await graphFetch(tenant, token, "/v1.0/test/charged");
    expect(res.status).toBe(200);
  });
});
