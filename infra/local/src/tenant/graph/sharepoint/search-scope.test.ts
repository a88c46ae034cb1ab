import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSite } from "./model.js";
import { pathScopes } from "./search.js";
import { startTestTenant, type TestTenant } from "./test-support.js";

let t: TestTenant;
const J = { "Content-Type": "application/json" };
// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
const jsonOf = async (res: Response) => (await res.json()) as Record<string, any>;

beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(() => t.stop());

describe("search: KQL path: restriction", () => {
  it("parses quoted and bare path restrictions out of the query", () => {
    expect(pathScopes('"運動会" path:"https://h/sites/a/学校文書"')).toEqual({
      scopes: ["https://h/sites/a/学校文書"],
      rest: '"運動会" ',
    });
    expect(pathScopes("x path:https://h/sites/b/ y").scopes).toEqual(["https://h/sites/b"]);
  });

  it("keeps only hits below the given site or library URL", async () => {
    const a = ensureSite(t.ctx, { key: "scope-a", displayName: "A" });
    const b = ensureSite(t.ctx, { key: "scope-b", displayName: "B" });
    for (const { driveId } of [a, b])
      await t.fetch(`/v1.0/drives/${driveId}/root:/遠足のしおり.pdf:/content`, { method: "PUT", body: "x" });
    const site = await jsonOf(await t.fetch(`/v1.0/sites/${a.siteId}`));
    const search = async (queryString: string) =>
      jsonOf(
        await t.fetch("/v1.0/search/query", {
          method: "POST",
          headers: J,
          body: JSON.stringify({ requests: [{ entityTypes: ["driveItem", "listItem"], query: { queryString } }] }),
        }),
      );
    const all = await search("遠足のしおり");
    expect(all.value[0].hitsContainers[0].total).toBe(2);
    const scoped = await search(`"遠足のしおり" path:"${site.webUrl}"`);
    const hits = scoped.value[0].hitsContainers[0].hits;
    expect(hits).toHaveLength(1);
    expect(hits[0].resource.webUrl.startsWith(site.webUrl)).toBe(true);
    const elsewhere = await search(`遠足のしおり path:${site.webUrl}-nothing`);
    expect(elsewhere.value[0].hitsContainers[0].total).toBe(0);
  });
});
