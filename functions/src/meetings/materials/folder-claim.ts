/**
 * Each meeting gets a folder of its own. Two meetings may share a title and a date (two 学年会 on
 * the same day), and SharePoint compares names without case: without a claim both would use the
 * same `<YYYY-MM-DD> <title>` folder, and distributing one would share the other's materials.
 *
 * On first use a meeting claims a path with a `meetingFolder` row (id = hash of the lower-cased
 * path; creating an existing id is CONFLICT, so exactly one meeting wins a path) and keeps it on
 * its row BEFORE the folder is made. A path claimed by another meeting, or whose folder already
 * exists without being this meeting's (made by hand, or by a meeting from before the claims), is
 * skipped: `<title> (2)`, `(3)`, …
 */
import { createHash } from "node:crypto";
import { isKomuError } from "@komu/shared";
import { z } from "zod";
import { graphStatus } from "../../records/sharepoint/graph-paths.js";
import type { LibraryApi } from "../../records/sharepoint/library.js";
import { defineEntity, type Storage } from "../../storage/index.js";
import { meetingFolderPath, patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";

export const meetingFolderEntity = defineEntity({
  kind: "meetingFolder",
  schema: z.object({ meetingId: z.string(), path: z.string() }),
});

const claims = (storage: Pick<Storage, "entities">) => storage.entities.repo(meetingFolderEntity);

export const folderClaimId = (path: string) =>
  `fp${createHash("sha256").update(path.normalize("NFC").toLowerCase()).digest("hex").slice(0, 40)}`;

/** The n-th candidate for a meeting's folder: the base path, then `<base> (2)`, `(3)`, … */
export const candidatePath = (base: string, n: number) => (n === 1 ? base : `${base} (${n})`);

async function claim(deps: Pick<MeetingsDeps, "storage">, schoolId: string, meetingId: string, path: string) {
  const repo = claims(deps.storage);
  const id = folderClaimId(path);
  try {
    await repo.create(schoolId, id, { meetingId, path });
    return true;
  } catch (e) {
    if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
    return (await repo.get(schoolId, id))?.data.meetingId === meetingId;
  }
}

async function folderExists(api: Pick<LibraryApi, "getByPath">, path: string): Promise<boolean> {
  try {
    await api.getByPath(path);
    return true;
  } catch (e) {
    if (graphStatus(e) === 404 || (isKomuError(e) && e.code === "NOT_FOUND")) return false;
    throw e;
  }
}

/** The meeting's folder path: the one on its row, or a newly claimed one (kept on the row). */
export async function claimMeetingFolder(
  deps: Pick<MeetingsDeps, "storage">,
  api: Pick<LibraryApi, "getByPath">,
  schoolId: string,
  meetingId: string,
  row: MeetingRow,
): Promise<string> {
  if (row.folderPath) return row.folderPath;
  const base = meetingFolderPath(row, meetingId);
  for (let n = 1; n <= 50; n++) {
    const path = candidatePath(base, n);
    if (!(await claim(deps, schoolId, meetingId, path))) continue;
    const exists = await folderExists(api, path);
    // Someone else of this meeting (a concurrent effect) may have kept a path meanwhile: use it.
    const current = await meetingsRepos(deps.storage).meetings.get(schoolId, meetingId);
    if (current?.data.folderPath) return current.data.folderPath;
    if (exists) continue;
    const saved = await patchMeeting(deps, schoolId, meetingId, (r) =>
      r.folderPath ? null : { ...r, folderPath: path },
    );
    return saved?.data.folderPath ?? path;
  }
  // 50 meetings of one name on one day: the meeting id makes it unique.
  const path = `${base} ${meetingId}`;
  const saved = await patchMeeting(deps, schoolId, meetingId, (r) =>
    r.folderPath ? null : { ...r, folderPath: path },
  );
  return saved?.data.folderPath ?? path;
}
