/**
 * The meeting's folders in the school's records library (学校文書), laid out as folder-layout.ts
 * says: the meeting folder `会議資料/<年度>年度/<YYYY-MM-DD> <title>/` (never shared) and its
 * subfolders 資料/, 取扱注意/, 機密/. The meeting folder's path is claimed for this meeting alone
 * (folder-claim.ts: two meetings of one title and date never share a folder). Created on first use (ensureFolder: `fail` on a clash, 409 =
 * already there), their drive item ids read once and remembered on the meeting row (the folder
 * invites are made on the ids; after/ removes the 取扱注意 grant by `confidentialFolderId`).
 */

import { requireLibrary } from "../../records/filing/check-filing.js";
import { ensureFolder } from "../../records/filing/ensure-folder.js";
import { recordsRepos } from "../../records/repos.js";
import { type LibraryApi, libraryApi } from "../../records/sharepoint/library.js";
import { patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";
import { claimMeetingFolder } from "./folder-claim.js";
import { type MeetingSubfolder, SUBFOLDER_FIELDS, subfolderPath } from "./folder-layout.js";

export { isConfidential } from "./folder-layout.js";

export interface MeetingFolders {
  api: LibraryApi;
  driveId: string;
  /** The meeting folder (not shared). */
  folderPath: string;
  folderId: string;
  /** The subfolders asked for (and any already known), by kind. */
  subfolders: Partial<Record<MeetingSubfolder, string>>;
}

export async function meetingLibrary(deps: Pick<MeetingsDeps, "storage" | "graph">, schoolId: string) {
  const { library } = await requireLibrary(recordsRepos(deps.storage), schoolId);
  return libraryApi(deps.graph, library.driveId);
}

/** Ensures the meeting folder and the subfolders asked for; remembers their ids on the row. */
export async function ensureMeetingFolders(
  deps: Pick<MeetingsDeps, "storage" | "graph">,
  schoolId: string,
  meetingId: string,
  row: MeetingRow,
  opts: { subfolders: readonly MeetingSubfolder[] },
): Promise<MeetingFolders> {
  const api = await meetingLibrary(deps, schoolId);
  const sameDrive = row.driveId === api.driveId;
  const folderPath = await claimMeetingFolder(deps, api, schoolId, meetingId, row);
  let folderId = sameDrive ? row.folderId : null;
  if (!folderId) {
    await ensureFolder(api, folderPath);
    folderId = (await api.getByPath(folderPath)).id;
  }
  const subfolders: Partial<Record<MeetingSubfolder, string>> = {};
  const found: Partial<Record<MeetingSubfolder, string>> = {};
  for (const sub of Object.keys(SUBFOLDER_FIELDS) as MeetingSubfolder[]) {
    const known = sameDrive ? row[SUBFOLDER_FIELDS[sub]] : null;
    if (known) subfolders[sub] = known;
    else if (opts.subfolders.includes(sub)) {
      const path = subfolderPath(folderPath, sub);
      await ensureFolder(api, path);
      const id = (await api.getByPath(path)).id;
      subfolders[sub] = id;
      found[sub] = id;
    }
  }
  if (Object.keys(found).length > 0 || row.folderId !== folderId || row.folderPath !== folderPath || !sameDrive) {
    const id = folderId;
    await patchMeeting(deps, schoolId, meetingId, (r) => {
      const next: MeetingRow = { ...r, driveId: api.driveId, folderPath, folderId: id };
      for (const sub of Object.keys(SUBFOLDER_FIELDS) as MeetingSubfolder[])
        next[SUBFOLDER_FIELDS[sub]] = found[sub] ?? (sameDrive ? r[SUBFOLDER_FIELDS[sub]] : null);
      return next;
    });
  }
  return { api, driveId: api.driveId, folderPath, folderId, subfolders };
}
