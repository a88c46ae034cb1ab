/**
 * The records-upload-sweep job: removes staged uploads past their 24 h (blob + row). Uploads a
 * record is still filing from (its first filing or a new version: the record's pendingUploadId) are
 * kept until it is written.
 */
import { odata } from "@azure/data-tables";
import { TABLES } from "../../storage/names.js";
import type { RecordsDeps } from "../deps.js";
import { recordsRepos } from "../repos.js";

export async function sweepUploads(deps: RecordsDeps, now: Date): Promise<{ deleted: number; kept: number }> {
  const repos = recordsRepos(deps.storage);
  const table = await deps.storage.resources.table(TABLES.entities);
  const expired = table.listEntities<{ partitionKey: string; id: string }>({
    queryOptions: {
      filter: odata`RowKey ge 'recordUpload:' and RowKey lt 'recordUpload;' and x_expiresAt lt ${now.toISOString()}`,
      select: ["PartitionKey", "id"],
    },
  });
  let deleted = 0;
  let kept = 0;
  for await (const row of expired) {
    const upload = await repos.uploads.get(row.partitionKey, row.id);
    if (!upload) continue;
    if (upload.data.usedBy) {
      const record = await repos.records.get(row.partitionKey, upload.data.usedBy);
      // Still to be written: the first filing, or a new version of a filed record (both pendingUploadId).
      if (record?.data.pendingUploadId === upload.id && record.data.status !== "disposed") {
        kept += 1;
        continue;
      }
    }
    await deps.blobs.delete(upload.data.blobName);
    await repos.uploads.delete(row.partitionKey, row.id, upload.etag).catch(() => undefined);
    deleted += 1;
  }
  return { deleted, kept };
}
