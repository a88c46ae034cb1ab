import { describe, expect, it } from "vitest";
import type { GraphGateway } from "../../graph/gateway.js";
import { codeOf, createTestStorage, randomPrefix, testConnectionString } from "../../storage/testing.js";
import type { RecordsDeps } from "../deps.js";
import { recordData } from "../disposal/testing.js";
import { recordsRepos } from "../repos.js";
import { createAzureUploadBlobStore } from "./blob-store.js";
import { stageUpload, UPLOAD_TTL_MS } from "./stage-upload.js";
import { sweepUploads } from "./sweep-uploads.js";
import { exeBytes, PDF_BYTES } from "./test-files.js";

async function deps(now: { t: number }): Promise<RecordsDeps> {
  const prefix = randomPrefix();
  const storage = await createTestStorage({ tablePrefix: prefix });
  return {
    storage,
    graph: {} as GraphGateway, // staging and the sweep never call Graph
    blobs: createAzureUploadBlobStore(testConnectionString(), prefix),
    config: {
      sharePointHostname: "localhost",
      siteTemplate: "/sites/{schoolId}",
      libraryName: "学校文書",
      maxFileBytes: 1024,
      retentionLabels: {},
    },
    clock: () => new Date(now.t),
    logger: { info() {}, warn() {}, error() {} },
  };
}

const actor = { oid: "u1", name: "伊藤 綾" };

describe("staged uploads (Azurite tables + blobs)", () => {
  it("keeps checked bytes with their hash; refusals store nothing", async () => {
    const now = { t: Date.parse("2026-06-01T00:00:00Z") };
    const d = await deps(now);
    const view = await stageUpload(d, { schoolId: "aoba-e", fileName: "通知.pdf", bytes: PDF_BYTES, actor });
    expect(view).toMatchObject({ fileName: "通知.pdf", size: PDF_BYTES.byteLength, mimeType: "application/pdf" });
    expect(view.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.expiresAt).toBe("2026-06-02T00:00:00.000Z");
    expect(await d.blobs.get(`aoba-e/${view.uploadId}`)).toEqual(PDF_BYTES);

    expect(
      await codeOf(stageUpload(d, { schoolId: "aoba-e", fileName: "big.pdf", bytes: new Uint8Array(2048), actor })),
    ).toBe("FILE_TOO_LARGE");
    expect(await codeOf(stageUpload(d, { schoolId: "aoba-e", fileName: "x.pdf", bytes: exeBytes(), actor }))).toBe(
      "FILE_TYPE_MISMATCH",
    );
    expect(await codeOf(stageUpload(d, { schoolId: "aoba-e", fileName: "a:b.pdf", bytes: PDF_BYTES, actor }))).toBe(
      "FILE_NAME_INVALID",
    );
    const page = await recordsRepos(d.storage).uploads.list("aoba-e");
    expect(page.items.map((u) => u.id)).toEqual([view.uploadId]);
  });

  it("the sweep removes uploads past 24 h (blob and row), but not one a record is still filing from", async () => {
    const now = { t: Date.parse("2026-06-01T00:00:00Z") };
    const d = await deps(now);
    const repos = recordsRepos(d.storage);
    const old = await stageUpload(d, { schoolId: "aoba-e", fileName: "古い.pdf", bytes: PDF_BYTES, actor });
    const filing = await stageUpload(d, { schoolId: "aoba-e", fileName: "登録中.pdf", bytes: PDF_BYTES, actor });
    const row = await repos.uploads.require("aoba-e", filing.uploadId);
    await repos.uploads.update("aoba-e", filing.uploadId, { usedBy: "r1" }, row.etag, { mode: "merge" });
    await repos.records.create("aoba-e", "r1", {
      title: "登録中",
      fileName: "登録中.pdf",
      fiscalYear: 2026,
      categoryCode: "C-02",
      categoryName: "学校日誌",
      classification: "III",
      topic: null,
      retention: "5",
      trigger: "closed",
      eventDate: null,
      retentionUntil: "2032-03-31",
      retentionLabel: null,
      number: null,
      author: actor,
      authorName: actor.name,
      related: null,
      note: null,
      status: "filing",
      size: PDF_BYTES.byteLength,
      mimeType: "application/pdf",
      sha256: filing.sha256,
      versionCount: 1,
      pendingUploadId: filing.uploadId,
      driveItemId: null,
      listItemId: null,
      webUrl: null,
      failure: null,
      searchText: "登録中",
      disposalId: null,
    });
    now.t += UPLOAD_TTL_MS / 2;
    const fresh = await stageUpload(d, { schoolId: "aoba-e", fileName: "新しい.pdf", bytes: PDF_BYTES, actor });

    const r = await sweepUploads(d, new Date(now.t + UPLOAD_TTL_MS / 2 + 1000));
    expect(r).toEqual({ deleted: 1, kept: 1 });
    expect(await repos.uploads.get("aoba-e", old.uploadId)).toBeNull();
    expect(await d.blobs.get(`aoba-e/${old.uploadId}`)).toBeUndefined();
    expect(await repos.uploads.get("aoba-e", filing.uploadId)).not.toBeNull();
    expect(await repos.uploads.get("aoba-e", fresh.uploadId)).not.toBeNull();
  });

  it("the sweep keeps an upload a new version of a filed record is still being written from", async () => {
    const now = { t: Date.parse("2026-06-01T00:00:00Z") };
    const d = await deps(now);
    const repos = recordsRepos(d.storage);
    const version = await stageUpload(d, { schoolId: "aoba-e", fileName: "第2版.pdf", bytes: PDF_BYTES, actor });
    const row = await repos.uploads.require("aoba-e", version.uploadId);
    await repos.uploads.update("aoba-e", version.uploadId, { usedBy: "r2" }, row.etag, { mode: "merge" });
    await repos.records.create(
      "aoba-e",
      "r2",
      recordData({ status: "filed", pendingUploadId: version.uploadId, driveItemId: "item-2" }),
    );
    const r = await sweepUploads(d, new Date(now.t + UPLOAD_TTL_MS + 1000));
    expect(r).toEqual({ deleted: 0, kept: 1 });
    expect(await d.blobs.get(`aoba-e/${version.uploadId}`)).toEqual(PDF_BYTES);
  });
});
