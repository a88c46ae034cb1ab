import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { appToken, graphFetch, startTestTenant } from "./contract/fixture.js";
import { KNOWN_USERS } from "./seed/known.js";
import { createStore } from "./store.js";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "komu-tenant-store-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("store persistence", () => {
  it("writes a debounced snapshot and blobs, and reads them back", async () => {
    const dir = tempDir();
    const a = createStore({ dataDir: dir, debounceMs: 10 });
    a.collection<{ n: number }>("things").set("x", { n: 1 });
    a.blobs.put("drive/1/content", new Uint8Array([1, 2, 3]));
    a.changed();
    await new Promise((r) => setTimeout(r, 50));
    const b = createStore({ dataDir: dir });
    expect(b.collection<{ n: number }>("things").get("x")).toEqual({ n: 1 });
    expect([...(b.blobs.get("drive/1/content") ?? [])]).toEqual([1, 2, 3]);
    b.blobs.delete("drive/1/content");
    const c = createStore({ dataDir: dir });
    expect(c.blobs.get("drive/1/content")).toBeUndefined();
  });

  it("memory mode writes nothing", () => {
    const s = createStore();
    s.collection("a").set("k", 1);
    s.changed();
    s.flush();
    expect(s.collection("a").get("k")).toBe(1);
  });

  it("a restarted tenant keeps its data and still accepts tokens it issued before", async () => {
    const dataDir = tempDir();
    const first = await startTestTenant({ dataDir });
    const token = await appToken(first);
    first.ctx.store.collection<{ v: string }>("custom").set("k", { v: "残る" });
    first.ctx.store.changed();
    await first.stop();
    const second = await startTestTenant({ dataDir, port: first.port });
    try {
      expect(second.ctx.store.collection<{ v: string }>("custom").get("k")).toEqual({ v: "残る" });
      const res = await graphFetch(second, token, `/v1.0/users/${KNOWN_USERS.aobaTeacher.id}`);
      expect(res.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
