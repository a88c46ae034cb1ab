import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineRetentionLabel } from "./labels.js";
import { ensureSite } from "./model.js";
import { hasSharedAccess } from "./permissions-model.js";
import { startTestTenant, type TestTenant } from "./test-support.js";

let t: TestTenant;
let siteId: string;
let driveId: string;
const J = { "Content-Type": "application/json" };
const jsonOf = async (res: Response) => (await res.json()) as Record<string, any>;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.fetch(path, { method: "POST", headers: { ...J, ...headers }, body: JSON.stringify(body) });
const patch = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.fetch(path, { method: "PATCH", headers: { ...J, ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await startTestTenant();
  ({ siteId, driveId } = ensureSite(t.ctx, { key: "boe", displayName: "青葉町教育委員会" }));
});
afterAll(() => t.stop());

describe("generic lists", () => {
  let listId: string;
  it("creates a list with columns and items; expand=fields; $filter needs an index or the Prefer header", async () => {
    const created = await post(`/v1.0/sites/${siteId}/lists`, {
      displayName: "Books",
      columns: [
        { name: "Author", text: {} },
        { name: "PageCount", number: {}, indexed: true },
        { name: "Status", choice: { choices: ["未着手", "完了"] } },
      ],
      list: { template: "genericList" },
    });
    expect(created.status).toBe(201);
    const list = await jsonOf(created);
    listId = list.id;
    expect(list).toMatchObject({ displayName: "Books", list: { template: "genericList" } });
    expect((await post(`/v1.0/sites/${siteId}/lists`, { displayName: "Books" })).status).toBe(409);

    for (const [title, author, pages, status] of [
      ["吾輩は猫である", "夏目漱石", 300, "完了"],
      ["坊っちゃん", "夏目漱石", 180, "未着手"],
      ["羅生門", "芥川龍之介", 30, "完了"],
    ] as const) {
      const res = await post(`/v1.0/sites/${siteId}/lists/${listId}/items`, {
        fields: { Title: title, Author: author, PageCount: pages, Status: status },
      });
      expect(res.status).toBe(201);
    }
    const unknown = await post(`/v1.0/sites/${siteId}/lists/${listId}/items`, {
      fields: { Title: "x", Colour: "red" },
    });
    expect(unknown.status).toBe(400);
    const badChoice = await post(`/v1.0/sites/${siteId}/lists/${listId}/items`, {
      fields: { Title: "x", Status: "途中" },
    });
    expect(badChoice.status).toBe(400);

    const all = await jsonOf(
      await t.fetch(`/v1.0/sites/${siteId}/lists/${listId}/items?expand=fields(select=Title,PageCount)`),
    );
    expect(all.value.map((v: any) => v.fields)).toEqual([
      expect.objectContaining({ Title: "吾輩は猫である", PageCount: 300 }),
      expect.objectContaining({ Title: "坊っちゃん", PageCount: 180 }),
      expect.objectContaining({ Title: "羅生門", PageCount: 30 }),
    ]);
    expect(all.value[0].fields.Author).toBeUndefined();

    const indexed = await jsonOf(
      await t.fetch(`/v1.0/sites/${siteId}/lists/${listId}/items?expand=fields&$filter=fields/PageCount gt 100`),
    );
    expect(indexed.value.map((v: any) => v.fields.Title)).toEqual(["吾輩は猫である", "坊っちゃん"]);

    const refused = await t.fetch(
      `/v1.0/sites/${siteId}/lists/${listId}/items?expand=fields&$filter=fields/Author eq '夏目漱石'`,
    );
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).error.message).toContain("HonorNonIndexedQueriesWarningMayFailRandomly");
    const allowed = await t.fetch(
      `/v1.0/sites/${siteId}/lists/${listId}/items?expand=fields&$filter=fields/Author eq '夏目漱石'`,
      {
        headers: { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" },
      },
    );
    expect((await jsonOf(allowed)).value).toHaveLength(2);
  });

  it("PATCH fields with a stale If-Match → 412; with the current eTag → 200 with the whole fieldValueSet", async () => {
    const item = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/lists/${listId}/items/1?expand=fields`));
    const etag = item.eTag as string;
    expect(etag).toMatch(/^"[0-9a-f-]{36},1"$/);
    const ok = await patch(
      `/v1.0/sites/${siteId}/lists/${listId}/items/1/fields`,
      { Status: "未着手" },
      { "If-Match": etag },
    );
    expect(ok.status).toBe(200);
    expect(await jsonOf(ok)).toMatchObject({ Title: "吾輩は猫である", Status: "未着手", Author: "夏目漱石" });
    const stale = await patch(
      `/v1.0/sites/${siteId}/lists/${listId}/items/1/fields`,
      { Status: "完了" },
      { "If-Match": etag },
    );
    expect(stale.status).toBe(412);
    const after = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/lists/${listId}/items/1?expand=fields`));
    expect(after.fields.Status).toBe("未着手");
    expect(after.eTag).toMatch(/,2"$/);
    const del = await t.fetch(`/v1.0/sites/${siteId}/lists/${listId}/items/2`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await t.fetch(`/v1.0/sites/${siteId}/lists/${listId}/items/2`)).status).toBe(404);
  });
});

describe("document library items as list items", () => {
  it("custom columns on the library appear in listItem fields of driveItems; POST items is refused", async () => {
    const lib = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/list`));
    expect(lib.list.template).toBe("documentLibrary");
    expect(
      (
        await post(`/v1.0/sites/${siteId}/lists/${lib.id}/columns`, {
          name: "Classification",
          choice: { choices: ["I", "II", "III", "IV"] },
        })
      ).status,
    ).toBe(201);
    const file = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/root:/起案.docx:/content`, { method: "PUT", body: "doc" }),
    );
    const li = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/listItem?expand=fields`));
    expect(li.fields).toMatchObject({ FileLeafRef: "起案.docx", ContentType: "Document" });
    const updated = await patch(
      `/v1.0/drives/${driveId}/items/${file.id}/listItem/fields`,
      { Classification: "II", Title: "起案文書" },
      { "If-Match": li.eTag },
    );
    expect(updated.status).toBe(200);
    const stale = await patch(
      `/v1.0/drives/${driveId}/items/${file.id}/listItem/fields`,
      { Classification: "I" },
      { "If-Match": li.eTag },
    );
    expect(stale.status).toBe(412);
    const viaList = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/lists/${lib.id}/items/${li.id}?expand=fields`));
    expect(viaList.fields).toMatchObject({ Classification: "II", Title: "起案文書", FileLeafRef: "起案.docx" });
    const driveItem = await jsonOf(await t.fetch(`/v1.0/sites/${siteId}/lists/${lib.id}/items/${li.id}/driveItem`));
    expect(driveItem.id).toBe(file.id);
    const expanded = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/root/children?$expand=listItem($expand=fields)`),
    );
    const row = expanded.value.find((v: any) => v.id === file.id);
    expect(row.listItem.fields.Classification).toBe("II");
    expect((await post(`/v1.0/sites/${siteId}/lists/${lib.id}/items`, { fields: { Title: "x" } })).status).toBe(400);
  });
});

describe("permissions", () => {
  it("invite, createLink (view/edit/embed), list, delete; access is recorded for other modules", async () => {
    const folder = await jsonOf(await post(`/v1.0/drives/${driveId}/root/children`, { name: "共有", folder: {} }));
    const file = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/items/${folder.id}:/回答.txt:/content`, { method: "PUT", body: "x" }),
    );
    expect(hasSharedAccess(t.ctx, file.id, "u-sato")).toBe(false);
    t.charges.length = 0;
    const invited = await post(`/v1.0/drives/${driveId}/items/${folder.id}/invite`, {
      recipients: [{ email: "sato@aoba-edu.example" }, { email: "guest@example.com" }],
      requireSignIn: true,
      sendInvitation: false,
      roles: ["write"],
    });
    expect(invited.status).toBe(200);
    expect(t.charges[0]?.cost).toBe("permission");
    const perms = (await jsonOf(invited)).value;
    expect(perms[0]).toMatchObject({
      roles: ["write"],
      grantedToV2: { user: { id: "u-sato", displayName: "佐藤 一郎" } },
      invitation: { signInRequired: true },
    });
    expect(perms[1]).toMatchObject({ invitation: { email: "guest@example.com" } });
    expect(hasSharedAccess(t.ctx, file.id, "u-sato", "write")).toBe(true);
    expect(hasSharedAccess(t.ctx, file.id, "u-tanaka")).toBe(false);

    const link = await post(`/v1.0/drives/${driveId}/items/${file.id}/createLink`, {
      type: "view",
      scope: "anonymous",
    });
    expect(link.status).toBe(201);
    const linkBody = await jsonOf(link);
    expect(linkBody).toMatchObject({ roles: ["read"], link: { type: "view", scope: "anonymous" }, hasPassword: false });
    expect(
      (await post(`/v1.0/drives/${driveId}/items/${file.id}/createLink`, { type: "view", scope: "anonymous" })).status,
    ).toBe(200);
    const shared = await fetch(linkBody.link.webUrl, { redirect: "follow" });
    expect(await shared.text()).toBe("x");
    const org = await jsonOf(
      await post(`/v1.0/drives/${driveId}/items/${file.id}/createLink`, { type: "edit", scope: "organization" }),
    );
    expect(org).toMatchObject({ roles: ["write"], link: { type: "edit", scope: "organization" } });
    const embed = await jsonOf(await post(`/v1.0/drives/${driveId}/items/${file.id}/createLink`, { type: "embed" }));
    expect(embed.link.webHtml).toContain("<iframe");

    const list = (await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/permissions`))).value;
    const inherited = list.filter((p: any) => p.inheritedFrom);
    expect(inherited).toHaveLength(2);
    expect(
      (await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/permissions/${inherited[0].id}`, { method: "DELETE" }))
        .status,
    ).toBe(403);
    expect(
      (await t.fetch(`/v1.0/drives/${driveId}/items/${folder.id}/permissions/${perms[0].id}`, { method: "DELETE" }))
        .status,
    ).toBe(204);
    expect(hasSharedAccess(t.ctx, file.id, "u-sato", "write")).toBe(true); // the organization edit link still grants it
    expect(
      (await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/permissions/${org.id}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect(
      (await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/permissions/${embed.id}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect(hasSharedAccess(t.ctx, file.id, "u-sato", "write")).toBe(false);
  });
});

describe("retention labels", () => {
  it("a label on a folder is reported on its children, blocks deletion, and can be removed", async () => {
    defineRetentionLabel(t.ctx, "保存期間5年", { behaviorDuringRetentionPeriod: "retain", isDeleteAllowed: false });
    const folder = await jsonOf(
      await post(`/v1.0/drives/${driveId}/root/children`, { name: "令和7年度 起案", folder: {} }),
    );
    const file = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/items/${folder.id}:/決裁.pdf:/content`, { method: "PUT", body: "pdf" }),
    );
    expect((await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/retentionLabel`)).status).toBe(404);
    const set = await patch(`/v1.0/drives/${driveId}/items/${folder.id}/retentionLabel`, { name: "保存期間5年" });
    expect(set.status).toBe(201);
    expect(await jsonOf(set)).toMatchObject({
      name: "保存期間5年",
      isLabelAppliedExplicitly: true,
      retentionSettings: { isDeleteAllowed: false },
    });
    expect(
      (await patch(`/v1.0/drives/${driveId}/items/${folder.id}/retentionLabel`, { name: "保存期間5年" })).status,
    ).toBe(200);
    const child = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/retentionLabel`));
    expect(child).toMatchObject({ name: "保存期間5年", isLabelAppliedExplicitly: false });
    const li = await jsonOf(await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}/listItem?expand=fields`));
    expect(li.fields._ComplianceTag).toBe("保存期間5年");
    const del = await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}`, { method: "DELETE" });
    expect(del.status).toBe(403);
    expect((await t.fetch(`/v1.0/drives/${driveId}/items/${folder.id}`, { method: "DELETE" })).status).toBe(403);
    expect(
      (await t.fetch(`/v1.0/drives/${driveId}/items/${folder.id}/retentionLabel`, { method: "DELETE" })).status,
    ).toBe(204);
    expect((await t.fetch(`/v1.0/drives/${driveId}/items/${file.id}`, { method: "DELETE" })).status).toBe(204);
  });
});

describe("search", () => {
  it("finds driveItems by name and listItems by field values, with the documented shapes", async () => {
    await t.fetch(`/v1.0/drives/${driveId}/root:/運動会 実施要項.docx:/content`, { method: "PUT", body: "x" });
    const res = await post("/v1.0/search/query", {
      requests: [{ entityTypes: ["driveItem"], query: { queryString: "運動会" } }],
    });
    const body = await jsonOf(res);
    const container = body.value[0].hitsContainers[0];
    expect(container.total).toBe(1);
    expect(container.hits[0].resource).toMatchObject({
      "@odata.type": "#microsoft.graph.driveItem",
      name: "運動会 実施要項.docx",
    });
    expect(container.hits[0].summary).toContain("<c0>運動会</c0>");
    const lists = await jsonOf(
      await post("/v1.0/search/query", {
        requests: [{ entityTypes: ["listItem"], query: { queryString: "芥川" }, fields: ["title", "contentclass"] }],
      }),
    );
    const hit = lists.value[0].hitsContainers[0].hits[0];
    expect(hit.resource.fields).toEqual({ title: "羅生門", contentclass: "STS_ListItem_GenericList" });
    const none = await jsonOf(
      await post("/v1.0/search/query", {
        requests: [{ entityTypes: ["driveItem"], query: { queryString: "存在しない語" } }],
      }),
    );
    expect(none.value[0].hitsContainers[0].total).toBe(0);
  });
});
