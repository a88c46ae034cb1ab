import { describe, expect, it } from "vitest";
import type { GraphGateway } from "../../graph/gateway.js";
import { codeOf, createTestStorage, randomPrefix, testConnectionString } from "../../storage/testing.js";
import type { RecordsDeps } from "../deps.js";
import { recordData } from "../disposal/testing.js";
import { recordsRepos, SETTINGS_ID } from "../repos.js";
import { createAzureUploadBlobStore } from "../staging/blob-store.js";
import { stageUpload } from "../staging/stage-upload.js";
import { PDF_BYTES } from "../staging/test-files.js";
import { addVersion } from "./add-version.js";

const SCHOOL = "aoba-e";
const owner = { oid: "u-owner", name: "伊藤 綾" };

/** Graph answers the item's cTag; `meanwhile` runs while it does (another request changing the record). */
function graphReadingCTag(meanwhile: () => Promise<void>): GraphGateway {
  const request = {
    query: () => request,
    async get() {
      await meanwhile();
      return { id: "item-1", cTag: '"c:{1},1"' };
    },
  };
  return { app: { api: () => request } } as unknown as GraphGateway;
}

async function setup(meanwhile: (d: RecordsDeps) => Promise<void>) {
  const prefix = randomPrefix();
  const storage = await createTestStorage({ tablePrefix: prefix });
  const d: RecordsDeps = {
    storage,
    graph: {} as GraphGateway,
    blobs: createAzureUploadBlobStore(testConnectionString(), prefix),
    config: {
      sharePointHostname: "localhost",
      siteTemplate: "/sites/{schoolId}",
      libraryName: "学校文書",
      maxFileBytes: 1024 * 1024,
      retentionLabels: {},
    },
    clock: () => new Date(),
    logger: { info() {}, warn() {}, error() {} },
  };
  d.graph = graphReadingCTag(() => meanwhile(d));
  const repos = recordsRepos(storage);
  await repos.settings.create(SCHOOL, SETTINGS_ID, {
    schoolKind: "elementary",
    abbreviation: "青小",
    numberFormats: { receipt: "{略称}受第{番号}号", dispatch: "{略称}発第{番号}号" },
    library: {
      siteId: "s",
      listId: "l",
      driveId: "d",
      webUrl: null,
      provisionedAt: "2026-04-01T00:00:00.000Z",
      columns: [],
    },
  });
  const record = await repos.records.create(
    SCHOOL,
    "r1",
    recordData({ fileName: "通知.pdf", mimeType: "application/pdf", author: owner }),
  );
  const staged = await stageUpload(d, { schoolId: SCHOOL, fileName: "通知.pdf", bytes: PDF_BYTES, actor: owner });
  return { d, repos, record, uploadId: staged.uploadId };
}

describe("addVersion refusals leave nothing half done", () => {
  it("a record changed by someone else meanwhile is STALE_ETAG, and the staged upload stays usable", async () => {
    const { d, repos, record, uploadId } = await setup(async (deps) => {
      const current = await recordsRepos(deps.storage).records.require(SCHOOL, "r1");
      await recordsRepos(deps.storage).records.update(SCHOOL, "r1", { note: "他の人の変更" }, current.etag, {
        mode: "merge",
      });
    });
    expect(await codeOf(addVersion(d, record, uploadId, record.etag, owner.oid))).toBe("STALE_ETAG");
    expect((await repos.uploads.require(SCHOOL, uploadId)).data.usedBy).toBeNull();
    expect((await repos.records.require(SCHOOL, "r1")).data).toMatchObject({ pendingUploadId: null, versionCount: 1 });
  });

  it("an upload staged by someone else is UPLOAD_NOT_FOUND and is not touched", async () => {
    const { d, repos, record, uploadId } = await setup(async () => undefined);
    const before = await repos.uploads.require(SCHOOL, uploadId);
    expect(await codeOf(addVersion(d, record, uploadId, record.etag, "u-someone-else"))).toBe("UPLOAD_NOT_FOUND");
    expect((await repos.uploads.require(SCHOOL, uploadId)).etag).toBe(before.etag);
  });
});
