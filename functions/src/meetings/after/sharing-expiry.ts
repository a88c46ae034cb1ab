/**
 * Job `meetings-sharing-expiry` (daily): class I/II materials live in the meeting folder's
 * 取扱注意 subfolder; `confidentialSharingDays` after the meeting ends, the permissions the
 * distribution granted on that subfolder are deleted (Graph `DELETE /drives/{d}/items/{i}/permissions/{p}`;
 * 404 = already gone) and the meeting records `confidentialSharingRemovedAt` (ETag, re-read on a
 * race). The meeting folder's own sharing (class III/IV materials) is left as it is. Idempotent:
 * a meeting already done, or with no grant on the subfolder, is skipped; a failure on one
 * meeting is logged and the next run tries again.
 */

import { graphStatus } from "../../records/sharepoint/graph-paths.js";
import type { StoredEntity } from "../../storage/index.js";
import { patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";

export const SHARING_EXPIRY_SCHEDULE = "0 10 16 * * *"; // 01:10 JST

/** When a meeting's confidential sharing ends (null: nothing to remove). */
export function sharingDueAt(m: MeetingRow): number | null {
  if (m.confidentialSharingRemovedAt || !m.confidentialFolderId || !m.driveId) return null;
  if (!m.grants.some((g) => g.folderId === m.confidentialFolderId)) return null;
  return Date.parse(m.endsAt) + m.confidentialSharingDays * 86_400_000;
}

export async function removeConfidentialSharing(
  deps: Pick<MeetingsDeps, "storage" | "graph" | "clock">,
  row: StoredEntity<MeetingRow>,
  now: Date,
): Promise<number> {
  const m = row.data;
  const due = sharingDueAt(m);
  if (due === null || due > now.getTime() || !m.driveId) return 0;
  const folderId = m.confidentialFolderId as string;
  const grants = m.grants.filter((g) => g.folderId === folderId);
  for (const g of grants) {
    try {
      await deps.graph.app
        .api(
          `/drives/${encodeURIComponent(m.driveId)}/items/${encodeURIComponent(folderId)}/permissions/${encodeURIComponent(g.permissionId)}`,
        )
        .delete();
    } catch (e) {
      if (graphStatus(e) !== 404) throw e;
    }
  }
  const removed = new Set(grants.map((g) => g.permissionId));
  const at = now.toISOString();
  await patchMeeting(deps, row.schoolId, row.id, (cur) =>
    cur.confidentialSharingRemovedAt
      ? null
      : {
          ...cur,
          grants: cur.grants.filter((g) => !(g.folderId === folderId && removed.has(g.permissionId))),
          confidentialSharingRemovedAt: at,
        },
  );
  await deps.storage.audit.append(row.schoolId, {
    kind: "meeting.changed",
    actor: { oid: "system", name: "Kōmu" },
    target: { kind: "meeting", id: row.id },
    data: { what: "sharingRemoved", changes: { permissions: { from: grants.length, to: 0 } } },
  });
  return grants.length;
}

export async function runSharingExpiry(
  deps: Pick<MeetingsDeps, "storage" | "graph" | "clock" | "logger">,
  schoolIds: readonly string[],
  now: Date,
): Promise<{ meetings: number; permissions: number }> {
  const totals = { meetings: 0, permissions: 0 };
  const repo = meetingsRepos(deps.storage).meetings;
  for (const schoolId of schoolIds) {
    let token: string | undefined;
    do {
      const page = await repo.list(schoolId, {
        where: { status: "distributed" },
        limit: 200,
        ...(token ? { continuationToken: token } : {}),
      });
      for (const row of page.items) {
        const due = sharingDueAt(row.data);
        if (due === null || due > now.getTime()) continue;
        try {
          totals.permissions += await removeConfidentialSharing(deps, row, now);
          totals.meetings++;
        } catch (error) {
          deps.logger.error("meetings-sharing-expiry: failed", { schoolId, meetingId: row.id, error: String(error) });
        }
      }
      token = page.continuationToken;
    } while (token);
  }
  return totals;
}
