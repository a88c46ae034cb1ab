import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSite } from "./model.js";
import { startTestTenant, type TestTenant } from "./test-support.js";

let t: TestTenant;
let driveId: string;
let siteId: string;

const jsonOf = async (res: Response) => (await res.json()) as Record<string, any>;

beforeAll(async () => {
  t = await startTestTenant();
  ({ siteId, driveId } = ensureSite(t.ctx, { key: "aoba-e", displayName: "青葉小学校" }));
});
afterAll(() => t.stop());

async function put(path: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  return t.fetch(`/v1.0/drives/${driveId}${path}`, {
    method: "PUT",
    body: body as BodyInit,
    headers: { "Content-Type": "text/plain", ...headers },
  });
}

describe("sites and drives", () => {
  it("ensureSite is idempotent and the site answers by composite id, by path and its drive", async () => {
    expect(ensureSite(t.ctx, { key: "aoba-e", displayName: "x" })).toEqual({ siteId, driveId });
    const [host, collection, web] = siteId.split(",");
    expect(collection).toMatch(/^[0-9a-f-]{36}$/);
    expect(web).toMatch(/^[0-9a-f-]{36}$/);
    const site = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}`));
    expect(site).toMatchObject({ id: siteId, displayName: "青葉小学校", name: "aoba-e" });
    const byPath = await jsonOf(await t.fetch(`/v1.0/sites/${host}:/sites/aoba-e`));
    expect(byPath.id).toBe(siteId);
    const drive = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/drive`));
    expect(drive).toMatchObject({ id: driveId, name: "ドキュメント", driveType: "documentLibrary" });
    const drivesList = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/drives`));
    expect(drivesList.value.map((d: { id: string }) => d.id)).toEqual([driveId]);
    const lists = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/lists`));
    expect(lists.value[0].list.template).toBe("documentLibrary");
    const listDrive = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/lists/${lists.value[0].id}/drive`));
    expect(listDrive.id).toBe(driveId);
    expect((await t.fetch("/v1.0/sites/localhost:/sites/nope")).status).toBe(404);
  });
});

describe("folders and conflictBehavior", () => {
  it("fail → 409 nameAlreadyExists, rename → 'name 1', replace keeps the folder", async () => {
    const create = (behavior?: string) =>
      t.fetch(`/v1.0/drives/${driveId}/root/children`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          name: "会議資料",
          folder: {},
          ...(behavior ? { "@microsoft.graph.conflictBehavior": behavior } : {}),
        }),
      });
    const first = await create("fail");
    expect(first.status).toBe(201);
    const folder = await jsonOf(first);
    expect(folder).toMatchObject({ name: "会議資料", folder: { childCount: 0 }, size: 0 });
    expect(folder.eTag).toMatch(/^"\{[0-9A-F-]{36}\},1"$/);
    const dup = await create();
    expect(dup.status).toBe(409);
    expect((await jsonOf(dup)).error.code).toBe("nameAlreadyExists");
    const renamed = await create("rename");
    expect(renamed.status).toBe(201);
    expect((await jsonOf(renamed)).name).toBe("会議資料 1");
    const renamed2 = await jsonOf(await create("rename"));
    expect(renamed2.name).toBe("会議資料 2");
    const replaced = await create("replace");
    expect((await jsonOf(replaced)).id).toBe(folder.id);
    const children = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/root/children`));
    expect(children.value.map((c: { name: string }) => c.name).sort()).toEqual([
      "会議資料",
      "会議資料 1",
      "会議資料 2",
    ]);
  });
});

describe("content, versions, downloads", () => {
  it("PUT by path creates, PUT again makes a new version; GET content 302 → pre-authenticated URL with Range 206", async () => {
    const created = await put("/root:/資料/議事録.txt:/content", "first version");
    expect(created.status).toBe(404); // parent folder missing
    await t.fetch(`/v1.0/drives/${driveId}/root/children`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "資料", folder: {} }),
    });
    const res = await put("/root:/資料/議事録.txt:/content", "first version");
    expect(res.status).toBe(201);
    const item = await jsonOf(res);
    expect(item).toMatchObject({ name: "議事録.txt", size: 13, file: { mimeType: "text/plain" } });
    expect(item.parentReference.path).toBe(`/drives/${driveId}/root:/資料`);

    const res2 = await put(`/items/${item.id}/content`, "second version, longer");
    expect(res2.status).toBe(200);
    const item2 = await jsonOf(res2);
    expect(item2.id).toBe(item.id);
    expect(item2.eTag).not.toBe(item.eTag);
    expect(item2.cTag).not.toBe(item.cTag);

    const versions = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}/versions`));
    expect(versions.value.map((v: { id: string; size: number }) => [v.id, v.size])).toEqual([
      ["2.0", 22],
      ["1.0", 13],
    ]);

    const content = await t.fetch(`/v1.0/drives/${driveId}/root:/資料/議事録.txt:/content`);
    expect(content.status).toBe(302);
    const location = content.headers.get("Location") as string;
    expect(location.startsWith(t.origin)).toBe(true);
    const download = await fetch(location); // no Authorization
    expect(await download.text()).toBe("second version, longer");
    const partial = await fetch(location, { headers: { Range: "bytes=0-5" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("Content-Range")).toBe("bytes 0-5/22");
    expect(await partial.text()).toBe("second");

    const old = await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}/versions/1.0/content`);
    expect(await (await fetch(old.headers.get("Location") as string)).text()).toBe("first version");

    const tampered = location.replace(/tempauth=([^&]+)/, (_m, tok: string) => `tempauth=${tok.slice(0, -2)}xx`);
    expect((await fetch(tampered)).status).toBe(401);

    const selected = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}?$select=id,@microsoft.graph.downloadUrl`),
    );
    expect(Object.keys(selected).filter((k) => !k.startsWith("@odata"))).toEqual([
      "@microsoft.graph.downloadUrl",
      "id",
    ]);
  });

  it("items/{parent}:/{name}:/content with conflictBehavior fail on an existing name → 409", async () => {
    const root = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/root`));
    const a = await t.fetch(`/v1.0/drives/${driveId}/items/${root.id}:/a.txt:/content`, { method: "PUT", body: "A" });
    expect(a.status).toBe(201);
    const again = await t.fetch(
      `/v1.0/drives/${driveId}/items/${root.id}:/a.txt:/content?@microsoft.graph.conflictBehavior=fail`,
      { method: "PUT", body: "B" },
    );
    expect(again.status).toBe(409);
    const renamed = await jsonOf(
      await t.fetch(
        `/v1.0/drives/${driveId}/items/${root.id}:/a.txt:/content?@microsoft.graph.conflictBehavior=rename`,
        { method: "PUT", body: "C" },
      ),
    );
    expect(renamed.name).toBe("a 1.txt");
  });

  it("If-Match: stale eTag → 412 on PATCH, DELETE and PUT content; current eTag works", async () => {
    const item = await jsonOf(await put("/root:/etag.txt:/content", "v1"));
    const stale = item.eTag as string;
    const renamed = await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": stale },
      body: JSON.stringify({ name: "etag2.txt" }),
    });
    expect(renamed.status).toBe(200);
    const fresh = await jsonOf(renamed);
    expect(fresh.name).toBe("etag2.txt");
    for (const [method, path, body] of [
      ["PATCH", "", JSON.stringify({ name: "x.txt" })],
      ["PUT", "/content", "v2"],
      ["DELETE", "", undefined],
    ] as const) {
      const res = await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}${path}`, {
        method,
        headers: { "If-Match": stale, "Content-Type": "application/json" },
        body,
      });
      expect(res.status, `${method} ${path}`).toBe(412);
      expect((await jsonOf(res)).error.code).toBe("preconditionFailed");
    }
    const del = await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}`, {
      method: "DELETE",
      headers: { "If-Match": fresh.eTag },
    });
    expect(del.status).toBe(204);
    expect((await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}`)).status).toBe(404);
  });

  it("moves an item by parentReference and refuses a move into its own subtree", async () => {
    const mk = async (name: string, parent = "root") =>
      jsonOf(
        await t.fetch(`/v1.0/drives/${driveId}/${parent === "root" ? "root" : `items/${parent}`}/children`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ name, folder: {} }),
        }),
      );
    const outer = await mk("outer");
    const inner = await mk("inner", outer.id);
    const file = await jsonOf(await put("/root:/moveme.txt:/content", "m"));
    const moved = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ parentReference: { id: inner.id } }),
      }),
    );
    expect(moved.parentReference.path).toBe(`/drives/${driveId}/root:/outer/inner`);
    const loop = await t.fetch(`/v1.0/drives/${driveId}/items/${outer.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ parentReference: { id: inner.id } }),
    });
    expect(loop.status).toBe(400);
    const byPath = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/root:/outer/inner/moveme.txt`));
    expect(byPath.id).toBe(file.id);
  });

  it("pages children with $top and an absolute @odata.nextLink", async () => {
    const folder = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/root/children`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "many", folder: {} }),
      }),
    );
    for (let i = 0; i < 5; i++) await put(`/items/${folder.id}:/f${i}.txt:/content`, `file ${i}`);
    const names: string[] = [];
    let url: string | undefined = `/v1.0/drives/${driveId}/items/${folder.id}/children?$top=2&$select=name`;
    let pages = 0;
    while (url) {
      const page = await jsonOf(await t.fetch(url));
      names.push(...page.value.map((v: { name: string }) => v.name));
      url = page["@odata.nextLink"];
      if (url) expect(url.startsWith(t.origin)).toBe(true);
      pages++;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt"]);
  });
});

describe("resource units", () => {
  it("charges before working: a throttled request changes nothing", async () => {
    t.charges.length = 0;
    await t.fetch(`/v1.0/drives/${driveId}/root`);
    await t.fetch(`/v1.0/drives/${driveId}/root/children`);
    await put("/root:/ru.txt:/content", "x");
    expect(t.charges.map((c) => c.cost)).toEqual(["read", "readMulti", "write"]);
    t.throttle(true);
    const res = await put("/root:/throttled.txt:/content", "x");
    t.throttle(false);
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("1");
    expect((await t.fetch(`/v1.0/drives/${driveId}/root:/throttled.txt`)).status).toBe(404);
  });
});
