/**
 * The meeting's folder in the school's records library (学校文書):
 * `会議資料/<年度>年度/<YYYY-MM-DD> <title>/`, class I/II materials in its `取扱注意/` subfolder.
 * Created on first use (ensureFolder: `fail` on a clash, 409 = already there), its drive item id
 * read once and remembered on the meeting row (the folder invite is made on the id).
 */

import { requireLibrary } from "../../records/filing/check-filing.js";
import { ensureFolder } from "../../records/filing/ensure-folder.js";
import { recordsRepos } from "../../records/repos.js";
import { type LibraryApi, libraryApi } from "../../records/sharepoint/library.js";
import { CONFIDENTIAL_FOLDER, meetingFolderPath, patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";

export interface MeetingFolders {
  api: LibraryApi;
  driveId: string;
  folderPath: string;
  folderId: string;
  confidentialFolderId: string | null;
}

export async function meetingLibrary(deps: Pick<MeetingsDeps, "storage" | "graph">, schoolId: string) {
  const { library } = await requireLibrary(recordsRepos(deps.storage), schoolId);
  return libraryApi(deps.graph, library.driveId);
}

/** Ensures the folder (and the 取扱注意 subfolder when asked or already there); remembers the ids. */
export async function ensureMeetingFolders(
  deps: Pick<MeetingsDeps, "storage" | "graph">,
  schoolId: string,
  meetingId: string,
  row: MeetingRow,
  opts: { confidential: boolean },
): Promise<MeetingFolders> {
  const api = await meetingLibrary(deps, schoolId);
  const folderPath = row.folderPath ?? meetingFolderPath(row, meetingId);
  let folderId = row.driveId === api.driveId ? row.folderId : null;
  if (!folderId) {
    await ensureFolder(api, folderPath);
    folderId = (await api.getByPath(folderPath)).id;
  }
  let confidentialFolderId = row.driveId === api.driveId ? row.confidentialFolderId : null;
  if (!confidentialFolderId && opts.confidential) {
    const sub = `${folderPath}/${CONFIDENTIAL_FOLDER}`;
    await ensureFolder(api, sub);
    confidentialFolderId = (await api.getByPath(sub)).id;
  }
  if (
    row.folderId !== folderId ||
    row.confidentialFolderId !== confidentialFolderId ||
    row.folderPath !== folderPath ||
    row.driveId !== api.driveId
  ) {
    await patchMeeting(deps, schoolId, meetingId, (r) => ({
      ...r,
      driveId: api.driveId,
      folderPath,
      folderId,
      confidentialFolderId: confidentialFolderId ?? r.confidentialFolderId,
    }));
  }
  return { api, driveId: api.driveId, folderPath, folderId, confidentialFolderId };
}

export const isConfidential = (classification: string) => classification === "I" || classification === "II";

export const materialFolderPath = (folders: Pick<MeetingFolders, "folderPath">, classification: string) =>
  isConfidential(classification) ? `${folders.folderPath}/${CONFIDENTIAL_FOLDER}` : folders.folderPath;
