import { describe, expect, it } from "vitest";
import { GraphError } from "../context.js";
import { BotBudget } from "./bot.js";
import { decideFault } from "./faults.js";
import { createLimits } from "./index.js";
import { SharePointBudget } from "./sharepoint.js";
import { SlidingWindow } from "./window.js";

describe("SlidingWindow", () => {
  it("frees weight as events leave the window and says how long to wait", () => {
    const w = new SlidingWindow(10, 1_000);
    w.record(0, 4);
    w.record(500, 6);
    expect(w.fits(600, 1)).toBe(false);
    expect(w.waitMs(600, 1)).toBe(400); // the first event (4) leaves at t=1000
    expect(w.waitMs(600, 5)).toBe(900); // needs both gone... 4 frees only 4 of 5 needed → the second at 1500
    expect(w.fits(1_000, 4)).toBe(true);
    expect(w.used(1_500)).toBe(0);
  });
});

describe("SharePoint RU budget", () => {
  it("throttles after 1,200 RU in a minute, counts throttled requests, and frees budget as the minute slides", () => {
    const b = new SharePointBudget();
    let t = 0;
    let accepted = 0;
    for (let i = 0; i < 600; i++, t += 50) {
      const v = b.charge("app", "write", t, true); // 2 RU each, 600 × 2 = 1,200 within 30 s
      expect(v.ok).toBe(true);
      accepted++;
    }
    expect(accepted * 2).toBe(1_200);
    const over = b.charge("app", "read", t, true);
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(over.retryAfterSeconds).toBeLessThanOrEqual(60);
      // the first request (t=0) leaves the window at 60 s: from t≈30 s that is ~30 s away
      expect(over.retryAfterSeconds).toBe(Math.ceil((60_000 - t) / 1000));
    }
    expect(b.usedThisMinute("app", t)).toBe(1_201); // the throttled request counted
    expect(b.charge("other-app", "read", t, true).ok).toBe(true); // per app
    expect(b.charge("app", "read", t + 30_001, true).ok).toBe(true); // after Retry-After there is room
  });

  it("charges 1/2/2/5 RU and only counts when not enforcing", () => {
    const b = new SharePointBudget();
    expect(["read", "readMulti", "write", "permission"].map((c) => b.charge("a", c as "read", 0, true).ru)).toEqual([
      1, 2, 2, 5,
    ]);
    for (let i = 0; i < 1_000; i++) b.charge("b", "permission", 0, false);
    expect(b.usedThisMinute("b", 0)).toBe(5_000);
    expect(b.charge("b", "read", 0, false).ok).toBe(true);
  });

  it("applies the daily budget too", () => {
    const b = new SharePointBudget(1_200, 10);
    expect(b.charge("a", "permission", 0, true).ok).toBe(true);
    expect(b.charge("a", "permission", 120_000, true).ok).toBe(true);
    const v = b.charge("a", "read", 240_000, true);
    expect(v.ok).toBe(false);
  });
});

describe("Limits (ctx.limits)", () => {
  it("throws a 429 GraphError activityLimitReached with Retry-After when documented, never when off", () => {
    const config = { throttle: "documented" as "documented" | "off" };
    let now = 1_000_000;
    const limits = createLimits(config, () => now);
    for (let i = 0; i < 1_200; i++) limits.sharePoint("app", "read", "GET /sites/:id");
    let error: unknown;
    try {
      limits.sharePoint("app", "read", "GET /sites/:id");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(429);
    expect((error as GraphError).code).toBe("activityLimitReached");
    expect(Number((error as GraphError).headers["Retry-After"])).toBe(60);
    config.throttle = "off";
    expect(() => limits.sharePoint("app", "read", "x")).not.toThrow();
    config.throttle = "documented";
    now += 61_000;
    expect(() => limits.sharePoint("app", "read", "x")).not.toThrow();
  });

  it("bot: 7 per second per conversation, then 429; other conversations unaffected", () => {
    const config = { throttle: "documented" as const };
    let now = 0;
    const limits = createLimits(config, () => now);
    for (let i = 0; i < 7; i++) limits.bot("conv-1", "POST /v3/conversations/:id/activities");
    expect(() => limits.bot("conv-1", "send")).toThrow(GraphError);
    expect(() => limits.bot("conv-2", "send")).not.toThrow();
    now = 1_001;
    // 8 per 2 s: 9 requests (incl. the throttled one) are already in the last 2 s
    expect(() => limits.bot("conv-1", "send")).toThrow(GraphError);
  });
});

describe("BotBudget", () => {
  it("enforces 60 per 30 s per conversation", () => {
    const b = new BotBudget();
    let t = 0;
    let ok = 0;
    for (let i = 0; i < 60; i++, t += 300) if (b.take("c", t, true).ok) ok++;
    expect(ok).toBe(60);
    const v = b.take("c", t, true);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.retryAfterSeconds).toBe(Math.ceil((30_000 - (t - 0)) / 1000) || 1);
  });

  it("enforces 50 per second per tenant across conversations", () => {
    const b = new BotBudget();
    const results = Array.from({ length: 51 }, (_, i) => b.take(`c${i}`, 0, true).ok);
    expect(results.filter(Boolean)).toHaveLength(50);
    expect(results[50]).toBe(false);
  });
});

describe("decideFault", () => {
  it("never faults at rate 0 and always at rate 1, with every kind occurring", () => {
    expect(Array.from({ length: 100 }, () => decideFault(0)).every((f) => f === undefined)).toBe(true);
    const kinds = new Set(Array.from({ length: 400 }, () => decideFault(1)?.kind));
    expect([...kinds].sort()).toEqual(["429", "503", "dropAfter", "dropBefore", "slow"]);
    const f = Array.from({ length: 200 }, () => decideFault(1)).filter((x) => x?.kind === "429" || x?.kind === "503");
    expect(f.every((x) => x && "retryAfterSeconds" in x && x.retryAfterSeconds >= 1 && x.retryAfterSeconds <= 2)).toBe(
      true,
    );
  });
});
