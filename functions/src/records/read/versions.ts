/** GET …/records/{id}/versions: SharePoint's versions of the record's file, newest first. */
import { KomuError, type RecordVersionView } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordData } from "../entities.js";
import { requireLibrary } from "../filing/check-filing.js";
import { recordsRepos } from "../repos.js";
import { libraryApi } from "../sharepoint/library.js";

const toIso = (s: string) => new Date(s).toISOString().replace(/\.\d{3}Z$/, ".000Z");

export async function recordVersions(deps: RecordsDeps, row: StoredEntity<RecordData>): Promise<RecordVersionView[]> {
  if (!row.data.driveItemId)
    throw new KomuError("RECORD_NOT_READY", { details: { recordId: row.id, status: row.data.status } });
  const { library } = await requireLibrary(recordsRepos(deps.storage), row.schoolId);
  const versions = await libraryApi(deps.graph, library.driveId).versions(row.data.driveItemId);
  return versions.map((v) => ({
    id: v.id,
    size: v.size,
    lastModifiedAt: toIso(v.lastModifiedDateTime),
    lastModifiedBy: v.lastModifiedBy?.user?.displayName ?? null,
  }));
}
