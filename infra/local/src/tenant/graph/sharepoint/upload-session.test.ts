/**
 * Upload sessions end to end against the real local tenant (startTenant, HTTPS, real tokens) with
 * the Graph JavaScript SDK's LargeFileUploadTask, plus the chunk rules with raw requests.
 */
import { createHash, randomBytes } from "node:crypto";
import { Client, FileUpload, LargeFileUploadTask, ResponseType } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appToken, graphFetch, startTestTenant } from "../../contract/fixture.js";
import type { RunningTenant } from "../../server.js";
import { ensureSite } from "./model.js";

let tenant: RunningTenant;
let token: string;
let driveId: string;
let client: Client;

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  tenant = await startTestTenant({ seed: false });
  token = await appToken(tenant);
  ({ driveId } = ensureSite(tenant.ctx, { key: "upload-test", displayName: "アップロード試験" }));
  client = Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => token },
    baseUrl: `${tenant.origin}/`,
    defaultVersion: "v1.0",
    customHosts: new Set(["localhost"]),
  });
});
afterAll(() => tenant?.stop());

async function createSession(
  name: string,
  behavior = "rename",
  extra: Record<string, unknown> = {},
): Promise<{ uploadUrl: string; expirationDateTime: string; nextExpectedRanges: string[] }> {
  const res = await graphFetch(
    tenant,
    token,
    `/v1.0/drives/${driveId}/root:/${encodeURIComponent(name)}:/createUploadSession`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ item: { "@microsoft.graph.conflictBehavior": behavior }, ...extra }),
    },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { uploadUrl: string; expirationDateTime: string; nextExpectedRanges: string[] };
}

function putRange(url: string, bytes: Uint8Array, start: number, end: number, total: number) {
  return fetch(url, {
    method: "PUT",
    headers: { "Content-Range": `bytes ${start}-${end}/${total}`, "Content-Length": String(end - start + 1) },
    body: bytes.subarray(start, end + 1) as unknown as BodyInit,
  });
}

describe("upload sessions (real tenant)", () => {
  it("a 25 MiB file uploaded with LargeFileUploadTask comes back byte-identical through GET …/content (302)", async () => {
    const size = 25 * 1024 * 1024;
    const data = randomBytes(size);
    const session = await LargeFileUploadTask.createUploadSession(
      client,
      `${tenant.origin}/v1.0/drives/${driveId}/root:/大きな資料.bin:/createUploadSession`,
      {
        item: { "@microsoft.graph.conflictBehavior": "rename" },
      },
    );
    expect(session.url.startsWith(`${tenant.origin}/`)).toBe(true);
    const task = new LargeFileUploadTask(
      client,
      new FileUpload(data.buffer.slice(data.byteOffset, data.byteOffset + size) as ArrayBuffer, "大きな資料.bin", size),
      session,
      {
        rangeSize: 5 * 1024 * 1024,
      },
    );
    const result = await task.upload();
    const item = result.responseBody as { id: string; name: string; size: number };
    expect(item).toMatchObject({ name: "大きな資料.bin", size });

    const raw = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/items/${item.id}/content`, {
      redirect: "manual",
    });
    expect(raw.status).toBe(302);
    const location = raw.headers.get("location") as string;
    expect(location.startsWith(tenant.origin)).toBe(true);

    const viaSdk = (await client
      .api(`/drives/${driveId}/items/${item.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(viaSdk.byteLength).toBe(size);
    expect(sha(new Uint8Array(viaSdk))).toBe(sha(data));

    const tail = await fetch(location, { headers: { Range: `bytes=${size - 1024}-` } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(`bytes ${size - 1024}-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(size - 1024))).toBe(true);
  }, 60_000);

  it("uploadUrl needs no Authorization; a chunk that is not a multiple of 320 KiB is refused; out-of-order → 416", async () => {
    const total = 1_000_000;
    const data = randomBytes(total);
    const session = await createSession("chunks.bin");
    expect(session.nextExpectedRanges).toEqual(["0-"]);

    const bad = await putRange(session.uploadUrl, data, 0, 99_999, total);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalidRange");

    const first = await putRange(session.uploadUrl, data, 0, 327_679, total);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ nextExpectedRanges: ["327680-"] });

    const skipped = await putRange(session.uploadUrl, data, 655_360, total - 1, total);
    expect(skipped.status).toBe(416);
    expect(await skipped.json()).toMatchObject({ nextExpectedRanges: ["327680-"] });
    const overlap = await putRange(session.uploadUrl, data, 0, 327_679, total);
    expect(overlap.status).toBe(416);

    const status = await fetch(session.uploadUrl);
    expect(await status.json()).toMatchObject({ nextExpectedRanges: ["327680-"] });

    const last = await putRange(session.uploadUrl, data, 327_680, total - 1, total);
    expect(last.status).toBe(201);
    const item = (await last.json()) as { id: string; size: number };
    expect(item.size).toBe(total);
    expect((await fetch(session.uploadUrl)).status).toBe(404);
  });

  it("a name conflict on completion with conflictBehavior fail → 409 nameAlreadyExists; DELETE uploadUrl → 204", async () => {
    const put = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/root:/taken.txt:/content`, {
      method: "PUT",
      body: "already here",
    });
    expect(put.status).toBe(201);
    const session = await createSession("taken.txt", "fail");
    const bytes = randomBytes(10);
    const res = await putRange(session.uploadUrl, bytes, 0, 9, 10);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("nameAlreadyExists");
    const del = await fetch(session.uploadUrl, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await fetch(session.uploadUrl)).status).toBe(404);
  });

  it("deferCommit: the last range answers 202 and nothing appears until the zero-length POST commits it (201)", async () => {
    const total = 400_000;
    const data = randomBytes(total);
    const session = await createSession("deferred.bin", "fail", { deferCommit: true });
    const first = await putRange(session.uploadUrl, data, 0, 327_679, total);
    expect(first.status).toBe(202);
    const early = await fetch(session.uploadUrl, { method: "POST", headers: { "Content-Length": "0" } });
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ error: { code: "invalidRequest" }, nextExpectedRanges: ["327680-"] });
    const last = await putRange(session.uploadUrl, data, 327_680, total - 1, total);
    expect(last.status).toBe(202);
    expect(await last.json()).toMatchObject({ nextExpectedRanges: [] });
    const before = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/root:/deferred.bin`);
    expect(before.status).toBe(404);
    const commit = await fetch(session.uploadUrl, { method: "POST", headers: { "Content-Length": "0" } });
    expect(commit.status).toBe(201);
    const item = (await commit.json()) as { id: string; name: string; size: number; file: object };
    expect(item).toMatchObject({ name: "deferred.bin", size: total, file: expect.any(Object) });
    const content = await client
      .api(`/drives/${driveId}/items/${item.id}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get();
    expect(sha(new Uint8Array(content as ArrayBuffer))).toBe(sha(data));
    expect((await fetch(session.uploadUrl)).status).toBe(404);
  });

  it("explicit commit with @microsoft.graph.sourceUrl: a 409 on completion is resolved by committing under a new name", async () => {
    const folder = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/root/children`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "commits", folder: {} }),
    });
    expect(folder.status).toBe(201);
    const taken = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/root:/commits/report.txt:/content`, {
      method: "PUT",
      body: "old report",
    });
    expect(taken.status).toBe(201);
    const session = await graphFetch(
      tenant,
      token,
      `/v1.0/drives/${driveId}/root:/commits/report.txt:/createUploadSession`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ item: { "@microsoft.graph.conflictBehavior": "fail", name: "report.txt" } }),
      },
    );
    // a path-addressed session with conflictBehavior fail: the existing report.txt makes completion fail
    const { uploadUrl } = (await session.json()) as { uploadUrl: string };
    const bytes = new TextEncoder().encode("new report, uploaded in one range");
    const clash = await putRange(uploadUrl, bytes, 0, bytes.length - 1, bytes.length);
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe("nameAlreadyExists");
    const commit = (body: Record<string, unknown>, path = "root:/commits:", headers: Record<string, string> = {}) =>
      graphFetch(tenant, token, `/v1.0/drives/${driveId}/${path}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    // still a conflict with fail; the session survives it
    expect(
      (
        await commit({
          name: "report.txt",
          "@microsoft.graph.conflictBehavior": "fail",
          "@microsoft.graph.sourceUrl": uploadUrl,
        })
      ).status,
    ).toBe(409);
    expect((await fetch(uploadUrl)).status).toBe(200);
    const renamed = await commit({
      name: "report.txt",
      "@microsoft.graph.conflictBehavior": "rename",
      "@microsoft.graph.sourceUrl": uploadUrl,
    });
    expect(renamed.status).toBe(201);
    const item = (await renamed.json()) as { name: string; size: number; file: object };
    expect(item.name).not.toBe("report.txt");
    expect(item.name).toMatch(/^report.*\.txt$/);
    expect(item.size).toBe(bytes.length);
    expect((await fetch(uploadUrl)).status).toBe(404);
    expect((await commit({ name: "x.txt", "@microsoft.graph.sourceUrl": uploadUrl })).status).toBe(404);
  });

  it("explicit commit onto an existing file honours If-Match (412 when stale) and replaces it (200)", async () => {
    const put = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/root:/replace-me.txt:/content`, {
      method: "PUT",
      body: "v1",
    });
    const existing = (await put.json()) as { id: string; eTag: string };
    const session = await createSession("replace-me-upload.txt", "fail", { deferCommit: true });
    const bytes = new TextEncoder().encode("v2 through an upload session");
    expect((await putRange(session.uploadUrl, bytes, 0, bytes.length - 1, bytes.length)).status).toBe(202);
    const commit = (ifMatch: string) =>
      graphFetch(tenant, token, `/v1.0/drives/${driveId}/items/${existing.id}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "If-Match": ifMatch },
        body: JSON.stringify({ "@microsoft.graph.sourceUrl": session.uploadUrl }),
      });
    expect((await commit('"{00000000-0000-0000-0000-000000000000},1"')).status).toBe(412);
    const ok = await commit(existing.eTag);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { id: string; size: number }).id).toBe(existing.id);
    const text = await client
      .api(`/drives/${driveId}/items/${existing.id}/content`)
      .responseType(ResponseType.TEXT)
      .get();
    expect(text).toBe("v2 through an upload session");
    // without a sourceUrl, PUT on an item is not an upload
    const bare = await graphFetch(tenant, token, `/v1.0/drives/${driveId}/items/${existing.id}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(bare.status).toBe(400);
  });

  it("Graph routes still require a token (the session URL is the only credential-free path)", async () => {
    const res = await graphFetch(tenant, undefined, `/v1.0/drives/${driveId}/root`);
    expect(res.status).toBe(401);
  });
});
