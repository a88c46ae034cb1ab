/**
 * Contract check against Microsoft's documented examples (the core harness in ../../contract:
 * ../shared/contract-examples from the repo root, or KOMU_CONTRACT_EXAMPLES_DIR): each example's
 * request is replayed (ids substituted) on the real local tenant and the response must have the
 * documented status and every documented property with the same JSON type (documented nulls match
 * anything; extra properties are allowed; every documented array element must match one of ours;
 * our null is not a documented string).
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hasContractExamples, loadExample } from "../../contract/examples.js";
import { appToken, graphFetch, startTestTenant, userGraphToken } from "../../contract/fixture.js";
import { replayExample } from "../../contract/replay.js";
import { compareShape } from "../../contract/shape.js";
import { describeContract } from "../../contract/suite.js";
import type { RunningTenant } from "../../server.js";
import { ensureSite } from "./model.js";

const example = (name: string) => loadExample(`graph.${name}`);
const STRICT = { everyElement: true, strictNull: true } as const;

let tenant: RunningTenant;
let token: string;
let userToken: string;
let siteId: string;
let driveId: string;
let userId: string;

const J = { "Content-Type": "application/json" };
async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  tok = userToken,
) {
  const init: RequestInit = { method, headers: { ...J, ...headers }, redirect: "manual" };
  if (body !== undefined && body !== null) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await graphFetch(tenant, tok, path, init);
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as any, headers: res.headers };
}

function conforms(name: string, got: { status: number; body: unknown }, allowedStatus?: number[]) {
  const ex = example(name);
  expect(allowedStatus ?? [ex.response.status], `${name} status`).toContain(got.status);
  if (ex.response.body && typeof ex.response.body === "object")
    expect(compareShape(ex.response.body, got.body, STRICT), name).toEqual([]);
}

beforeAll(async () => {
  if (!hasContractExamples()) return;
  tenant = await startTestTenant({ seed: false });
  token = await appToken(tenant);
  ({ siteId, driveId } = ensureSite(tenant.ctx, { key: "contract", displayName: "契約テスト" }));
  userId = "c0ffee00-0000-4000-8000-000000000001";
  tenant.ctx.store.collection("users").set(userId, {
    id: userId,
    displayName: "田中 花子",
    userPrincipalName: "tanaka@aoba-edu.example",
    mail: "tanaka@aoba-edu.example",
  });
  userToken = await userGraphToken(tenant, userId, [
    "Calendars.ReadWrite",
    "OnlineMeetings.ReadWrite",
    "Files.ReadWrite.All",
    "Sites.ReadWrite.All",
  ]);
});
afterAll(() => tenant?.stop());

describeContract("Graph contract examples (SharePoint, OneDrive, lists, calendar, workbook)", () => {
  it("sites, drives, children, folders, content, versions, downloads", async () => {
    conforms("site-get", await call("GET", `/v1.0/sites/${siteId}`));
    conforms("drive-list", await call("GET", `/v1.0/users/${userId}/drives`));
    expect((await call("GET", `/v1.0/sites/${siteId}/drives`)).body.value[0].id).toBe(driveId);
    const folderEx = example("driveitem-post-children-folder");
    conforms(
      "driveitem-post-children-folder",
      await call("POST", `/v1.0/drives/${driveId}/root/children`, folderEx.request.body),
    );
    const putEx = example("driveitem-put-content");
    await call("POST", `/v1.0/drives/${driveId}/root/children`, { name: "FolderA", folder: {} });
    const created = await call("PUT", `/v1.0/drives/${driveId}/root:/FolderA/FileB.txt:/content`, putEx.request.body, {
      "Content-Type": "text/plain",
    });
    conforms("driveitem-put-content", created);
    expect(created.body.size).toBe(35);
    // documented as 201; SharePoint answers 200 when it updates an existing file (both are 2xx for SDKs)
    conforms(
      "driveitem-put-content-replace",
      await call(
        "PUT",
        `/v1.0/drives/${driveId}/items/${created.body.id}/content`,
        "The contents of the file goes here.",
        { "Content-Type": "text/plain" },
      ),
      [200, 201],
    );
    await call("PUT", `/v1.0/drives/${driveId}/root:/myfile.jpg:/content`, "x".repeat(2048), {
      "Content-Type": "image/jpeg",
    });
    conforms("driveitem-list-children", await call("GET", `/v1.0/drives/${driveId}/root/children?$top=2`));
    await call("PUT", `/v1.0/drives/${driveId}/items/${created.body.id}/content`, "third", {
      "Content-Type": "text/plain",
    });
    conforms("driveitem-list-versions", await call("GET", `/v1.0/drives/${driveId}/items/${created.body.id}/versions`));
    conforms(
      "driveitem-get-downloadurl",
      await call("GET", `/v1.0/drives/${driveId}/items/${created.body.id}?select=id,@microsoft.graph.downloadUrl`),
    );
    const redirect = await call("GET", `/v1.0/drives/${driveId}/items/${created.body.id}/content`);
    conforms("driveitem-get-content-302", redirect);
    expect(redirect.headers.get("location")).toMatch(/^https:\/\/localhost:\d+\//);
    const big = await call("PUT", `/v1.0/drives/${driveId}/root:/two-k.bin:/content`, "y".repeat(2048), {
      "Content-Type": "application/octet-stream",
    });
    const dl = await call("GET", `/v1.0/drives/${driveId}/items/${big.body.id}/content`);
    const partial = await fetch(dl.headers.get("location") as string, { headers: { Range: "bytes=0-1023" } });
    expect(partial.status).toBe(example("driveitem-download-partial-206").response.status);
    expect(partial.headers.get("content-range")).toBe("bytes 0-1023/2048");
  });

  it("sharing, retention labels", async () => {
    const file = await call("PUT", `/v1.0/drives/${driveId}/root:/share.txt:/content`, "s", {
      "Content-Type": "text/plain",
    });
    const base = `/v1.0/drives/${driveId}/items/${file.body.id}`;
    conforms(
      "driveitem-createlink",
      await call("POST", `${base}/createLink`, example("driveitem-createlink").request.body),
    );
    conforms(
      "driveitem-createlink-organization",
      await call("POST", `${base}/createLink`, example("driveitem-createlink-organization").request.body),
    );
    conforms(
      "driveitem-createlink-embed",
      await call("POST", `${base}/createLink`, example("driveitem-createlink-embed").request.body),
    );
    const invite = {
      ...(example("driveitem-invite").request.body as Record<string, unknown>),
      recipients: [{ email: "tanaka@aoba-edu.example" }],
    };
    conforms("driveitem-invite", await call("POST", `${base}/invite`, invite));
    const label = example("driveitem-setretentionlabel").request.body;
    expect((await call("PATCH", `${base}/retentionLabel`, label)).status).toBe(201); // first application: 201 per the page text
    conforms("driveitem-setretentionlabel", await call("PATCH", `${base}/retentionLabel`, label));
  });

  it("upload sessions", async () => {
    const ex = example("driveitem-createuploadsession");
    const session = await call(
      "POST",
      `/v1.0/drives/${driveId}/root:/largefile.dat:/createUploadSession`,
      ex.request.body,
    );
    conforms("driveitem-createuploadsession", session);
    const url = session.body.uploadUrl as string;
    const bytes = new Uint8Array(128).fill(7);
    const chunk = await fetch(url, {
      method: "PUT",
      headers: { "Content-Range": "bytes 0-25/128" },
      body: bytes.subarray(0, 26) as unknown as BodyInit,
    });
    // 26 bytes is not a multiple of 320 KiB: the documented example breaks SharePoint's fragment rule
    expect(chunk.status).toBe(400);
    const status = await fetch(url);
    conforms("uploadsession-get-status", { status: status.status, body: await status.json() });
    const final = await fetch(url, {
      method: "PUT",
      headers: { "Content-Range": "bytes 0-127/128" },
      body: bytes as unknown as BodyInit,
    });
    conforms("uploadsession-put-final-201", { status: final.status, body: await final.json() });

    const s2 = await call("POST", `/v1.0/drives/${driveId}/root:/big2.bin:/createUploadSession`, {});
    const c1 = await fetch(s2.body.uploadUrl, {
      method: "PUT",
      headers: { "Content-Range": `bytes 0-327679/400000` },
      body: new Uint8Array(327_680) as unknown as BodyInit,
    });
    conforms("uploadsession-put-chunk-202", { status: c1.status, body: await c1.json() });
    const del = await fetch(s2.body.uploadUrl, { method: "DELETE" });
    expect(del.status).toBe(example("uploadsession-delete-204").response.status);

    const s3 = await call("POST", `/v1.0/drives/${driveId}/root:/largefile.dat:/createUploadSession`, {
      item: { "@microsoft.graph.conflictBehavior": "fail" },
    });
    const conflict = await fetch(s3.body.uploadUrl, {
      method: "PUT",
      headers: { "Content-Range": "bytes 0-127/128" },
      body: bytes as unknown as BodyInit,
    });
    const conflictBody = await conflict.json();
    conforms("uploadsession-conflict-409", { status: conflict.status, body: conflictBody });
    expect(conflictBody).toEqual(example("uploadsession-conflict-409").response.body);
  });

  it("upload sessions: deferCommit and the explicit commits (POST {uploadUrl}, PUT with @microsoft.graph.sourceUrl)", async () => {
    const bytes = new Uint8Array(128).fill(9);
    const deferred = async (name: string) => {
      const s = await call("POST", `/v1.0/drives/${driveId}/root:/${name}:/createUploadSession`, {
        item: { "@microsoft.graph.conflictBehavior": "rename" },
        deferCommit: true,
      });
      expect(s.status).toBe(200);
      const last = await fetch(s.body.uploadUrl, {
        method: "PUT",
        headers: { "Content-Range": "bytes 0-127/128" },
        body: bytes as unknown as BodyInit,
      });
      expect(last.status).toBe(202); // deferCommit: the last range does not create the file
      return s.body.uploadUrl as string;
    };

    const commitEx = loadExample("graph.uploadsession-post-commit-201");
    const committed = await replayExample(tenant, commitEx, { path: await deferred("largefile.vhd"), headers: {} });
    expect(committed.mismatches).toEqual([]);
    expect(compareShape(commitEx.response.body, committed.body, STRICT)).toEqual([]);
    expect(committed.body).toMatchObject({ name: "largefile.vhd", size: 128 });

    const explicitEx = loadExample("graph.driveitem-upload-explicit-commit");
    const folder = await call("POST", `/v1.0/drives/${driveId}/root/children`, { name: "Uploads", folder: {} });
    const sourceUrl = await deferred("session-target.vhd");
    const explicit = await replayExample(tenant, explicitEx, {
      token: userToken,
      substitute: {
        "me/drive/root:/{path_to_parent}": `drives/${driveId}/root:/Uploads:`,
        "{upload session URL}": sourceUrl,
      },
      headers: { "If-Match": folder.body.eTag },
    });
    expect(explicit.mismatches).toEqual([]);
    expect(compareShape(explicitEx.response.body, explicit.body, STRICT)).toEqual([]);
    expect(explicit.body).toMatchObject({ name: "largefile.vhd", size: 128, parentReference: { id: folder.body.id } });
    // the documented rename: committing the same name again gets a new name
    const again = await replayExample(tenant, explicitEx, {
      token: userToken,
      substitute: {
        "me/drive/root:/{path_to_parent}": `drives/${driveId}/root:/Uploads:`,
        "{upload session URL}": await deferred("session-target-2.vhd"),
      },
      headers: { "If-Match": "*" },
    });
    expect(again.mismatches).toEqual([]);
    expect((again.body as { name: string }).name).not.toBe("largefile.vhd");
  });

  it("lists and list items", async () => {
    const list = await call("POST", `/v1.0/sites/${siteId}/lists`, example("list-create").request.body);
    conforms("list-create", list);
    const lp = `/v1.0/sites/${siteId}/lists/${list.body.id}`;
    await call("POST", `${lp}/columns`, { name: "Color", text: {} });
    await call("POST", `${lp}/columns`, { name: "Weight", number: {} });
    await call("POST", `${lp}/columns`, { name: "Name", text: {} });
    await call("POST", `${lp}/columns`, { name: "Quantity", number: {} });
    const item = await call("POST", `${lp}/items`, example("listitem-create").request.body);
    conforms("listitem-create", item);
    await call("PATCH", `${lp}/items/${item.body.id}/fields`, { Name: "Widget", Quantity: 2357 });
    conforms("listitem-get-expand-fields", await call("GET", `${lp}/items/${item.body.id}?expand=fields`));
    conforms("listitem-list-expand-fields", await call("GET", `${lp}/items?expand=fields(select=Name,Color,Quantity)`));
    conforms(
      "listitem-update-fields",
      await call("PATCH", `${lp}/items/${item.body.id}/fields`, example("listitem-update-fields").request.body),
    );
  });

  it("search", async () => {
    await call("PUT", `/v1.0/drives/${driveId}/root:/contoso-designs.docx:/content`, "d", {
      "Content-Type": "application/octet-stream",
    });
    const lp = `/v1.0/sites/${siteId}/lists`;
    const l = await call("POST", lp, { displayName: "Issues" });
    await call("POST", `${lp}/${l.body.id}/items`, { fields: { Title: "Contoso issue " } });
    conforms(
      "search-query-driveitem",
      await call("POST", "/v1.0/search/query", example("search-query-driveitem").request.body),
    );
    conforms(
      "search-query-listitem-fields",
      await call("POST", "/v1.0/search/query", example("search-query-listitem-fields").request.body),
    );
  });

  it("events with online meetings, online meetings (delegated /me)", async () => {
    const ex = example("user-post-events-online-meeting");
    const e = await call("POST", "/v1.0/me/events", ex.request.body, ex.request.headers ?? {}, userToken);
    conforms("user-post-events-online-meeting", e);
    expect(e.body.start.timeZone).toBe("Pacific Standard Time");
    expect(e.body.onlineMeeting.joinUrl).toMatch(/^https:\/\/localhost:\d+\/l\/meetup-join\//);
    conforms(
      "user-post-onlinemeetings",
      await call("POST", "/v1.0/me/onlineMeetings", example("user-post-onlinemeetings").request.body, {}, userToken),
    );
  });

  it("worksheet usedRange", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["a", 1]);
    const put = await call("PUT", `/v1.0/drives/${driveId}/root:/book.xlsx:/content`, undefined);
    expect(put.status).toBe(201);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/items/${put.body.id}/content`, {
      method: "PUT",
      body: buf as unknown as BodyInit,
    });
    expect(res.status).toBe(200);
    conforms(
      "worksheet-usedrange",
      await call("GET", `/v1.0/drives/${driveId}/items/${put.body.id}/workbook/worksheets/Sheet1/usedRange`),
    );
    const v = await call(
      "GET",
      `/v1.0/drives/${driveId}/items/${put.body.id}/workbook/worksheets/Sheet1/usedRange(valuesOnly=true)`,
    );
    conforms("worksheet-usedrange-valuesonly", v);
    expect(v.body.address).toBe("Sheet1!A1:B1");
  });
});
