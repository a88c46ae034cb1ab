import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSite } from "./model.js";
import { startTestTenant, type TestTenant } from "./test-support.js";

let t: TestTenant;
let driveId: string;

const encode = (url: string) => `u!${Buffer.from(url, "utf8").toString("base64url")}`;
// biome-ignore lint/suspicious/noExplicitAny: Graph bodies are inspected loosely in tests
const jsonOf = async (res: Response) => (await res.json()) as Record<string, any>;

beforeAll(async () => {
  t = await startTestTenant();
  ({ driveId } = ensureSite(t.ctx, { key: "aoba-e", displayName: "青葉小学校" }));
});
afterAll(() => t.stop());

describe("/shares/{encoded sharing URL}", () => {
  it("resolves an item's webUrl and a sharing link to the drive item, its content too", async () => {
    const put = await t.fetch(`/v1.0/drives/${driveId}/root:/回答.xlsx:/content`, {
      method: "PUT",
      body: "bytes",
      headers: { "Content-Type": "application/octet-stream" },
    });
    expect(put.status).toBe(201);
    const item = await jsonOf(put);
    const byWebUrl = await jsonOf(await t.fetch(`/v1.0/shares/${encode(`${item.webUrl}?web=1`)}/driveItem`));
    expect(byWebUrl).toMatchObject({ id: item.id, name: "回答.xlsx", parentReference: { driveId } });

    const link = await jsonOf(
      await t.fetch(`/v1.0/drives/${driveId}/items/${item.id}/createLink`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ type: "view", scope: "organization" }),
      }),
    );
    const token = encode(link.link.webUrl);
    expect((await jsonOf(await t.fetch(`/v1.0/shares/${token}/driveItem`))).id).toBe(item.id);
    expect(await jsonOf(await t.fetch(`/v1.0/shares/${token}`))).toMatchObject({ id: token, name: "回答.xlsx" });
    const content = await t.fetch(`/v1.0/shares/${token}/driveItem/content`, { redirect: "manual" });
    expect(content.status).toBe(302);
    expect(await (await fetch(content.headers.get("location") ?? "")).text()).toBe("bytes");
  });

  it("refuses unknown URLs (404) and tokens that are not u! (400)", async () => {
    expect((await t.fetch(`/v1.0/shares/${encode("https://example.com/nope.xlsx")}/driveItem`)).status).toBe(404);
    expect((await t.fetch("/v1.0/shares/s!abc/driveItem")).status).toBe(400);
  });
});
