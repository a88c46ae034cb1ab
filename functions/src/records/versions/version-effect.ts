/**
 * The outbox effect `records.version` (payload { recordId, uploadId, version, baseCTag }): writes
 * the staged bytes as a new version of the record's file, updates the SharePoint fields (SHA-256),
 * then the record (size, hash, versionCount) under its ETag, audits records.filed with the version
 * and removes the staged blob. See add-version.ts for why it is idempotent.
 */
import { UPLOAD_SESSION_THRESHOLD } from "@komu/shared";
import { z } from "zod";
import type { EffectHandler } from "../../outbox/types.js";
import type { RecordsDeps } from "../deps.js";
import { requireLibrary } from "../filing/check-filing.js";
import { auditFiled } from "../filing/file-effect.js";
import { StagedBytesMissing } from "../filing/place-file.js";
import { recordsRepos } from "../repos.js";
import { recordFields } from "../sharepoint/columns.js";
import { graphStatus } from "../sharepoint/graph-paths.js";
import { libraryApi, uploadInChunks } from "../sharepoint/library.js";
import { searchTextOf } from "../view.js";

export const RECORDS_VERSION_EFFECT = "records.version";

const Payload = z.object({
  recordId: z.string(),
  uploadId: z.string(),
  version: z.number().int().positive(),
  baseCTag: z.string().nullable(),
});

export function recordsVersionHandler(deps: RecordsDeps): EffectHandler {
  return async (payload, _attempt, info) => {
    const p = Payload.parse(payload);
    const repos = recordsRepos(deps.storage);
    let row = await repos.records.get(info.schoolId, p.recordId);
    if (!row?.data.driveItemId) return;
    if (row.data.versionCount < p.version) {
      const upload = await repos.uploads.get(info.schoolId, p.uploadId);
      if (!upload) throw new StagedBytesMissing(p.uploadId);
      const { library } = await requireLibrary(repos, info.schoolId);
      const api = libraryApi(deps.graph, library.driveId);
      const itemId = row.data.driveItemId;
      const ifMatch = p.baseCTag ?? undefined;
      try {
        if (upload.data.size <= UPLOAD_SESSION_THRESHOLD) {
          const bytes = await deps.blobs.get(upload.data.blobName);
          if (!bytes) throw new StagedBytesMissing(upload.data.blobName);
          await api.putVersion(itemId, bytes, upload.data.mimeType, ifMatch);
        } else {
          const url = await api.client
            .api(
              `/drives/${encodeURIComponent(library.driveId)}/items/${encodeURIComponent(itemId)}/createUploadSession`,
            )
            .headers(ifMatch ? { "If-Match": ifMatch } : {})
            .post({ item: { "@microsoft.graph.conflictBehavior": "replace", fileSize: upload.data.size } });
          await uploadInChunks(
            deps.graph,
            (url as { uploadUrl: string }).uploadUrl,
            upload.data.size,
            (o, l) => deps.blobs.getRange(upload.data.blobName, o, l),
            info.signal,
          );
        }
      } catch (e) {
        // 412: the content moved past the tag we read, i.e. our earlier attempt wrote it.
        if (graphStatus(e) !== 412) throw e;
      }
      const next = {
        ...row.data,
        size: upload.data.size,
        sha256: upload.data.sha256,
        mimeType: upload.data.mimeType,
        versionCount: p.version,
        pendingUploadId: null,
      };
      await api.patchFields(itemId, recordFields(row.id, next));
      row = await repos.records.update(
        info.schoolId,
        row.id,
        {
          size: next.size,
          sha256: next.sha256,
          versionCount: next.versionCount,
          pendingUploadId: null,
          searchText: searchTextOf(next),
        },
        row.etag,
        { mode: "merge" },
      );
      await deps.blobs.delete(upload.data.blobName).catch(() => undefined);
      await repos.uploads.delete(info.schoolId, upload.id, upload.etag).catch(() => undefined);
    }
    await auditFiled(deps, row);
  };
}
