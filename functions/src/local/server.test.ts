import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, USERS } from "../http/test-app.js";
import { type RunningApi, startApi } from "./server.js";

let t: TestApp;
let api: RunningApi;
let bare: RunningApi;

beforeAll(async () => {
  t = await startTestApp();
  const dist = mkdtempSync(join(tmpdir(), "komu-tab-"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>校務</title><div id=root></div>");
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "assets", "app-1234.js"), "console.log('tab')");
  api = await startApi({ config: t.deps.config, port: 0, staticDir: dist, deps: t.deps });
  bare = await startApi({ config: t.deps.config, port: 0, staticDir: join(dist, "missing"), deps: t.deps });
});
afterAll(async () => {
  await api.stop();
  await bare.stop();
  await t.stop();
});

describe("startApi (local host over @hono/node-server)", () => {
  it("serves the API under /api on a real socket", async () => {
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", version: "9.9.9-test" });
    const me = await fetch(`${api.url}/api/me`, {
      headers: { authorization: `Bearer ${await t.tokenFor(USERS.teacherA)}` },
    });
    expect(me.status).toBe(200);
    expect((await fetch(`${api.url}/api/me`)).status).toBe(401);
    expect((await fetch(`${api.url}/api/unknown`)).status).toBe(404);
  });

  it("enforces body limits on a real socket and closes the connection", async () => {
    const big = JSON.stringify({ type: "message", text: "x".repeat(300 * 1024) });
    const res = await fetch(`${api.url}/api/messages`, {
      method: "POST",
      body: big,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
  });

  it("serves the tab's static build with an SPA fallback, framable by Teams", async () => {
    const index = await fetch(`${api.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("<div id=root>");
    expect(index.headers.get("content-security-policy")).toContain("https://teams.microsoft.com");
    const deep = await fetch(`${api.url}/approvals/123`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain("<div id=root>");
    const asset = await fetch(`${api.url}/assets/app-1234.js`);
    expect(await asset.text()).toBe("console.log('tab')");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${api.url}/assets/missing.js`)).status).toBe(404);
  });

  it("says how to build the tab when there is no build", async () => {
    const res = await fetch(`${bare.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("npm run build -w teams-app");
  });
});
