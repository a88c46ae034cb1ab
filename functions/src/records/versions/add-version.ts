/**
 * POST …/records/{id}/versions {uploadId} with If-Match = the record's etag: a new version of the
 * same driveItem (SharePoint keeps the old ones). The record row takes the pending upload under
 * its ETag (a stale etag is STALE_ETAG, nothing done); the SharePoint write is the outbox effect
 * `records.version` (dedupe = record + version number), delivered inline once.
 * The effect is idempotent through the file's content tag: the upload is sent with
 * If-Match = the cTag read before it, so a retry after a lost reply gets 412 and knows it is done.
 */
import { extensionOf, KomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordData } from "../entities.js";
import { requireLibrary } from "../filing/check-filing.js";
import { recordsRepos } from "../repos.js";
import { libraryApi } from "../sharepoint/library.js";
import { RECORDS_VERSION_EFFECT, recordsVersionHandler } from "./version-effect.js";

export interface AddVersionResult {
  record: StoredEntity<RecordData>;
  /** true when SharePoint has the new version (201); false while it is being written (202). */
  done: boolean;
}

export async function addVersion(
  deps: RecordsDeps,
  row: StoredEntity<RecordData>,
  uploadId: string,
  ifMatch: string,
  /** Only an upload this user staged may become the new version (unset: any of the school's). */
  stagedBy?: string,
): Promise<AddVersionResult> {
  const repos = recordsRepos(deps.storage);
  if (row.etag !== ifMatch) throw new KomuError("STALE_ETAG", { details: { kind: "record", id: row.id } });
  if (row.data.status !== "filed" || !row.data.driveItemId || row.data.pendingUploadId)
    throw new KomuError("RECORD_NOT_READY", { details: { recordId: row.id, status: row.data.status } });
  const upload = await repos.uploads.get(row.schoolId, uploadId);
  if (
    !upload ||
    (stagedBy !== undefined && upload.data.uploadedBy.oid !== stagedBy) ||
    upload.data.usedBy ||
    Date.parse(upload.data.expiresAt) <= deps.clock().getTime()
  )
    throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId } });
  if (
    extensionOf(upload.data.fileName) !== extensionOf(row.data.fileName) ||
    upload.data.mimeType !== row.data.mimeType
  )
    throw new KomuError("FILE_TYPE_MISMATCH", {
      message: {
        ja: "新しい版は元の文書と同じ種類のファイルにしてください。",
        en: "A new version must be the same kind of file as the record.",
      },
      details: { record: row.data.mimeType, upload: upload.data.mimeType },
    });

  const { library } = await requireLibrary(repos, row.schoolId);
  const item = (await libraryApi(deps.graph, library.driveId)
    .client.api(`/drives/${encodeURIComponent(library.driveId)}/items/${encodeURIComponent(row.data.driveItemId)}`)
    .query({ $select: "id,cTag" })
    .get()) as { cTag?: string };
  const version = row.data.versionCount + 1;
  const taken = await repos.uploads.update(row.schoolId, uploadId, { usedBy: row.id }, upload.etag, {
    mode: "merge",
  });
  let claimed: StoredEntity<RecordData>;
  try {
    claimed = await repos.records.update(row.schoolId, row.id, { pendingUploadId: uploadId }, ifMatch, {
      mode: "merge",
    });
  } catch (e) {
    // Refused (someone changed the record since it was read): the upload stays usable.
    await repos.uploads
      .update(row.schoolId, uploadId, { usedBy: null }, taken.etag, { mode: "merge" })
      .catch((releaseError) =>
        deps.logger.warn("records: staged upload not released after a refused version", {
          schoolId: row.schoolId,
          uploadId,
          error: String(releaseError),
        }),
      );
    throw e;
  }
  const { id } = await deps.storage.outbox.enqueue({
    kind: RECORDS_VERSION_EFFECT,
    schoolId: row.schoolId,
    payload: { recordId: row.id, uploadId, version, baseCTag: item.cTag ?? null },
    dedupeKey: `${row.id}:v${version}`,
  });
  await deps.storage.outbox.deliverNow(id, row.schoolId, { [RECORDS_VERSION_EFFECT]: recordsVersionHandler(deps) });
  const record = (await repos.records.get(row.schoolId, row.id)) ?? claimed;
  return { record, done: record.data.versionCount >= version };
}
