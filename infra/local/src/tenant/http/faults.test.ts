import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appToken, graphFetch, startTestTenant } from "../contract/fixture.js";
import type { RunningTenant } from "../server.js";

// A scripted random source: decideFault consumes [gate, pick, retryAfter, (slow delay / drop side)].
let script: number[] = [];
const random = () => (script.length ? (script.shift() as number) : 0.99);

let tenant: RunningTenant;
let token: string;
let sideEffects = 0;
/** what the tenant reports as unexpected errors (its onError) */
const logged: unknown[] = [];

beforeAll(async () => {
  tenant = await startTestTenant({
    seed: false,
    random,
    onError: (e) => logged.push(e),
    graphModules: [
      (app) => {
        app.post("/test/effect", (c) => {
          sideEffects++;
          return c.json({ n: sideEffects }, 201);
        });
        app.get("/test/bug", () => {
          throw new Error("a real bug");
        });
      },
    ],
  });
  token = await appToken(tenant);
  await fetch(`${tenant.origin}/_emulator/config`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ faultRate: 0.5 }),
  });
});
afterAll(async () => {
  await tenant?.stop();
});

const post = () => graphFetch(tenant, token, "/v1.0/test/effect", { method: "POST" });

describe("fault injection", () => {
  it("passes requests through when the gate does not fire", async () => {
    script = [0.9];
    expect((await post()).status).toBe(201);
  });

  it("injects 429 and 503 with Retry-After in Graph's shape", async () => {
    script = [0.1, 0.1, 0.0];
    const tooMany = await post();
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get("retry-after")).toBe("1");
    expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe("TooManyRequests");
    script = [0.1, 0.3, 0.9];
    const unavailable = await post();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("2");
  });

  it("drops the connection before the handler (no side effect) or after it (side effect happened)", async () => {
    const before = sideEffects;
    script = [0.1, 0.8, 0.0, 0.1];
    await expect(post()).rejects.toThrow();
    expect(sideEffects).toBe(before);
    script = [0.1, 0.8, 0.0, 0.9];
    await expect(post()).rejects.toThrow();
    expect(sideEffects).toBe(before + 1);
  });

  it("dropped connections are quiet (intended), real errors are still reported", async () => {
    const consoleError = vi.spyOn(console, "error");
    try {
      logged.length = 0;
      for (const side of [0.1, 0.9]) {
        script = [0.1, 0.8, 0.0, side];
        await expect(post()).rejects.toThrow();
      }
      // let the server finish the dropped requests
      await new Promise((r) => setTimeout(r, 100));
      expect(logged).toEqual([]);
      expect(consoleError).not.toHaveBeenCalled();
      script = [0.9];
      const bug = await graphFetch(tenant, token, "/v1.0/test/bug");
      expect(bug.status).toBe(500);
      expect(((await bug.json()) as { error: { code: string } }).error.code).toBe("generalException");
      expect(logged).toEqual([expect.objectContaining({ message: "a real bug" })]);
    } finally {
      consoleError.mockRestore();
    }
  });

  it("slows answers down", async () => {
    script = [0.1, 0.5, 0.0, 0.0];
    const started = Date.now();
    expect((await post()).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("does not touch the identity endpoints", async () => {
    script = [0.0, 0.0, 0.0];
    expect((await fetch(`${tenant.origin}/${tenant.tenantId}/discovery/v2.0/keys`)).status).toBe(200);
    expect(script).toHaveLength(3);
    script = [];
  });
});
