import { describe, expect, it } from "vitest";
import type { ListOptions, Page, StoredEntity } from "./entity-store.js";
import { listAll } from "./list-all.js";

const row = (id: string): StoredEntity<{ n: number }> =>
  ({ id, schoolId: "aoba-e", data: { n: Number(id) } }) as unknown as StoredEntity<{ n: number }>;

describe("listAll", () => {
  it("follows every continuation token, asking for pages of 1000 with the filters given", async () => {
    const seen: ListOptions[] = [];
    const pages: Page<{ n: number }>[] = [
      { items: [row("1"), row("2")], continuationToken: "a" },
      { items: [], continuationToken: "b" },
      { items: [row("3")] },
    ];
    const repo = {
      async list(_schoolId: string, opts?: ListOptions) {
        seen.push(opts ?? {});
        return pages[seen.length - 1] as Page<{ n: number }>;
      },
    };
    const all = await listAll(repo, "aoba-e", { where: { status: "open" }, idPrefix: "s1." });
    expect(all.map((r) => r.id)).toEqual(["1", "2", "3"]);
    expect(seen).toEqual([
      { limit: 1000, where: { status: "open" }, idPrefix: "s1." },
      { limit: 1000, where: { status: "open" }, idPrefix: "s1.", continuationToken: "a" },
      { limit: 1000, where: { status: "open" }, idPrefix: "s1.", continuationToken: "b" },
    ]);
  });

  it("sends no filter it was not given", async () => {
    const seen: ListOptions[] = [];
    const repo = {
      async list(_schoolId: string, opts?: ListOptions): Promise<Page<{ n: number }>> {
        seen.push(opts ?? {});
        return { items: [] };
      },
    };
    await listAll(repo, "aoba-e", { where: undefined });
    expect(seen).toEqual([{ limit: 1000 }]);
  });
});
