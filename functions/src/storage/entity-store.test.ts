import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity, type EntityRepo } from "./entity-store.js";
import type { Storage } from "./index.js";
import { TABLES } from "./names.js";
import { codeOf, createTestStorage } from "./testing.js";

const Notice = defineEntity({
  kind: "notice",
  schema: z.object({
    title: z.string().min(1),
    status: z.enum(["draft", "sent"]),
    body: z.string().default(""),
    views: z.number().int().default(0),
  }),
  indexes: ["status"],
});

describe("EntityStore (Azurite)", () => {
  let storage: Storage;
  let notices: EntityRepo<z.output<typeof Notice.schema>>;
  beforeAll(async () => {
    storage = await createTestStorage();
    notices = storage.entities.repo(Notice);
  });

  it("creates, reads back with an etag, and refuses a second create of the same id", async () => {
    const created = await notices.create("aoba-e", "n1", {
      title: "運動会のお知らせ",
      status: "draft",
      body: "",
      views: 0,
    });
    expect(created.etag).toMatch(/^W\/"datetime/);
    const read = await notices.require("aoba-e", "n1");
    expect(read.data.title).toBe("運動会のお知らせ");
    expect(read.etag).toBe(created.etag);
    expect(await notices.get("higashi-e", "n1")).toBeNull();
    expect(await codeOf(notices.create("aoba-e", "n1", { title: "x", status: "draft", body: "", views: 0 }))).toBe(
      "CONFLICT",
    );
  });

  it("a stale ETag never overwrites: two readers both update, the second gets STALE_ETAG", async () => {
    await notices.create("aoba-e", "race", { title: "original", status: "draft", body: "", views: 0 });
    const a = await notices.require("aoba-e", "race");
    const b = await notices.require("aoba-e", "race");
    const first = await notices.update("aoba-e", "race", { ...a.data, title: "first writer" }, a.etag);
    expect(first.etag).not.toBe(a.etag);
    expect(await codeOf(notices.update("aoba-e", "race", { ...b.data, title: "second writer" }, b.etag))).toBe(
      "STALE_ETAG",
    );
    expect(await codeOf(notices.update("aoba-e", "race", { views: 9 }, b.etag, { mode: "merge" }))).toBe("STALE_ETAG");
    expect(await codeOf(notices.delete("aoba-e", "race", b.etag))).toBe("STALE_ETAG");
    const stored = await notices.require("aoba-e", "race");
    expect(stored.data.title).toBe("first writer");
    expect(stored.data.views).toBe(0);
    expect(stored.createdAt).toBe(a.createdAt);
  });

  it("the service itself rejects a stale write even when our pre-read is bypassed", async () => {
    // Two writers race on the same etag in parallel: exactly one wins.
    await notices.create("aoba-e", "parallel", { title: "p", status: "draft", body: "", views: 0 });
    const r = await notices.require("aoba-e", "parallel");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => notices.update("aoba-e", "parallel", { ...r.data, views: i + 1 }, r.etag)),
    );
    const ok = results.filter((x) => x.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const x of results)
      if (x.status === "rejected") expect((x.reason as { code?: string }).code).toBe("STALE_ETAG");
    const winner = (ok[0] as PromiseFulfilledResult<{ data: { views: number } }>).value.data.views;
    expect((await notices.require("aoba-e", "parallel")).data.views).toBe(winner);
  });

  it("merges a partial update and deletes with the current etag", async () => {
    const c = await notices.create("aoba-e", "m1", { title: "t", status: "draft", body: "b", views: 1 });
    const m = await notices.update("aoba-e", "m1", { status: "sent" }, c.etag, { mode: "merge" });
    expect(m.data).toEqual({ title: "t", status: "sent", body: "b", views: 1 });
    await notices.delete("aoba-e", "m1", m.etag);
    expect(await notices.get("aoba-e", "m1")).toBeNull();
    expect(await codeOf(notices.delete("aoba-e", "m1", m.etag))).toBe("NOT_FOUND");
    expect(
      await codeOf(notices.update("aoba-e", "m1", { title: "t", status: "draft", body: "", views: 0 }, m.etag)),
    ).toBe("NOT_FOUND");
  });

  it("validates data and ids, and requires an etag", async () => {
    expect(await codeOf(notices.create("aoba-e", "bad", { title: "", status: "draft", body: "", views: 0 }))).toBe(
      "VALIDATION_FAILED",
    );
    expect(await codeOf(notices.create("aoba-e", "a/b", { title: "x", status: "draft", body: "", views: 0 }))).toBe(
      "INVALID_ID",
    );
    expect(await codeOf(notices.create("aoba e", "ok", { title: "x", status: "draft", body: "", views: 0 }))).toBe(
      "INVALID_ID",
    );
    expect(await codeOf(notices.update("aoba-e", "n1", { title: "x", status: "draft", body: "", views: 0 }, ""))).toBe(
      "PRECONDITION_REQUIRED",
    );
  });

  it('"*" and blank ETags are refused: nothing is overwritten or deleted unconditionally', async () => {
    const c = await notices.create("aoba-e", "star", { title: "残す", status: "draft", body: "", views: 0 });
    const full = { title: "上書き", status: "sent" as const, body: "", views: 1 };
    for (const etag of ["*", " * ", "", "  "]) {
      expect(await codeOf(notices.delete("aoba-e", "star", etag)), `delete ${JSON.stringify(etag)}`).toBe(
        "PRECONDITION_REQUIRED",
      );
      expect(await codeOf(storage.entities.delete("notice", "aoba-e", "star", etag))).toBe("PRECONDITION_REQUIRED");
      expect(await codeOf(notices.update("aoba-e", "star", full, etag)), `update ${JSON.stringify(etag)}`).toBe(
        "PRECONDITION_REQUIRED",
      );
      expect(await codeOf(notices.update("aoba-e", "star", { views: 5 }, etag, { mode: "merge" }))).toBe(
        "PRECONDITION_REQUIRED",
      );
    }
    const still = await notices.require("aoba-e", "star");
    expect(still.etag).toBe(c.etag);
    expect(still.data.title).toBe("残す");
    // A stale ETag never deletes either.
    const moved = await notices.update("aoba-e", "star", { views: 2 }, c.etag, { mode: "merge" });
    expect(await codeOf(notices.delete("aoba-e", "star", c.etag))).toBe("STALE_ETAG");
    expect((await notices.require("aoba-e", "star")).etag).toBe(moved.etag);
  });

  it("stores large values across properties and refuses too-large ones before calling the service", async () => {
    const body = "校務🏫".repeat(40_000); // 120 000 UTF-16 units, surrogate pairs across chunk borders
    const c = await notices.create("aoba-e", "big", { title: "big", status: "draft", body, views: 0 });
    const back = (await notices.require("aoba-e", "big")).data.body;
    expect(back.length).toBe(body.length);
    expect(back === body).toBe(true); // (no toBe(body): a 120k-char diff is unreadable)
    expect(c.data.body.length).toBe(body.length);
    expect(
      await codeOf(
        notices.create("aoba-e", "huge", { title: "huge", status: "draft", body: "x".repeat(600_000), views: 0 }),
      ),
    ).toBe("PAYLOAD_TOO_LARGE");
    expect(await notices.get("aoba-e", "huge")).toBeNull();
  });

  it("lists one school's entities of one kind with paging and an index filter", async () => {
    for (let i = 0; i < 7; i++) {
      await notices.create("nishi-e", `p${i}`, {
        title: `t${i}`,
        status: i % 2 ? "sent" : "draft",
        body: "",
        views: i,
      });
    }
    await notices.create("higashi-e", "other", { title: "other school", status: "sent", body: "", views: 0 });
    const other = storage.entities.repo(defineEntity({ kind: "survey", schema: z.object({ q: z.string() }) }));
    await other.create("nishi-e", "s1", { q: "?" });

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await notices.list("nishi-e", { limit: 3, ...(token ? { continuationToken: token } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.id));
      token = page.continuationToken;
      pages += 1;
    } while (token && pages < 10);
    expect(seen.sort()).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
    expect(pages).toBeGreaterThanOrEqual(3);

    const sent = await notices.list("nishi-e", { where: { status: "sent" } });
    expect(sent.items.map((i) => i.id).sort()).toEqual(["p1", "p3", "p5"]);
    expect(await codeOf(notices.list("nishi-e", { where: { title: "t1" } }))).toBe("VALIDATION_FAILED");
  });

  it("offers the same store through the untyped face, validating registered kinds", async () => {
    const created = await storage.entities.create("notice", "boe", "u1", { title: "x", status: "draft" });
    expect(created.data).toEqual({ title: "x", status: "draft", body: "", views: 0 });
    expect(await codeOf(storage.entities.create("notice", "boe", "u2", { title: "x", status: "nope" }))).toBe(
      "VALIDATION_FAILED",
    );
    const free = await storage.entities.create("memo", "boe", "m", { anything: [1, 2] });
    expect((await storage.entities.get("memo", "boe", "m"))?.data).toEqual({ anything: [1, 2] });
    expect(free.etag).toBeTruthy();
    expect(storage.resources.tableName(TABLES.entities)).toMatch(/^t[0-9a-f]{12}komuEntities$/);
  });
});

describe("EntityStore transactions and id prefixes (Azurite)", () => {
  const Pair = defineEntity({ kind: "txPair", schema: z.object({ n: z.number().int() }) });
  const Other = defineEntity({ kind: "txOther", schema: z.object({ label: z.string() }) });
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage();
  });

  it("writes rows of several kinds all together, and nothing when one ETag is stale", async () => {
    const pairs = storage.entities.repo(Pair);
    const first = await pairs.create("aoba-e", "a.1", { n: 1 });
    const etags = await storage.entities.transaction("aoba-e", [
      { type: "replace", def: Pair, id: "a.1", data: { n: 2 }, etag: first.etag, createdAt: first.createdAt },
      { type: "create", def: Other, id: "o1", data: { label: "x" } },
    ]);
    expect(etags).toHaveLength(2);
    expect((await pairs.require("aoba-e", "a.1")).data.n).toBe(2);
    // The first row's ETag is now stale: the whole transaction fails and o2 is not created.
    expect(
      await codeOf(
        storage.entities.transaction("aoba-e", [
          { type: "create", def: Other, id: "o2", data: { label: "y" } },
          { type: "replace", def: Pair, id: "a.1", data: { n: 3 }, etag: first.etag, createdAt: first.createdAt },
        ]),
      ),
    ).toBe("STALE_ETAG");
    expect(await storage.entities.get("txOther", "aoba-e", "o2")).toBeNull();
    expect((await pairs.require("aoba-e", "a.1")).data.n).toBe(2);
    expect(
      await codeOf(
        storage.entities.transaction("aoba-e", [{ type: "create", def: Other, id: "o1", data: { label: "z" } }]),
      ),
    ).toBe("CONFLICT");
  });

  it("lists only ids with a prefix", async () => {
    const pairs = storage.entities.repo(Pair);
    await pairs.create("higashi-e", "s1.a", { n: 1 });
    await pairs.create("higashi-e", "s1.b", { n: 2 });
    await pairs.create("higashi-e", "s10.a", { n: 3 });
    await pairs.create("higashi-e", "s2.a", { n: 4 });
    const page = await pairs.list("higashi-e", { idPrefix: "s1." });
    expect(page.items.map((i) => i.id)).toEqual(["s1.a", "s1.b"]);
  });
});
