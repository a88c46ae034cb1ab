/**
 * POST …/meetings/{id}/cancel (If-Match; the chair): the meeting becomes cancelled, its calendar
 * event is deleted (attendees get Exchange's cancellation) and its folder grants removed (one
 * DELETE each); audited `meeting.changed` cancelled. Cancelling a cancelled meeting answers it as it is.
 */
import type { Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, loadMeetingFor } from "../access.js";
import { actorOf, patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { removeCalendarEvent } from "../distribute/calendar.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";

export async function cancelMeeting(
  deps: MeetingsDeps,
  req: { schoolId: string; meetingId: string; principal: Principal; etag: string },
): Promise<StoredEntity<MeetingRow>> {
  const { schoolId, meetingId, principal } = req;
  const row = await loadMeetingFor(deps, principal, schoolId, meetingId, "manage");
  // A cancelled meeting whose clean-up was interrupted (grants left) is cleaned up again.
  if (row.data.status === "cancelled" && row.data.grants.length === 0) return row;
  let saved = row;
  if (row.data.status !== "cancelled") {
    ensureEtag(row, req.etag);
    const now = deps.clock().toISOString();
    saved = await meetingsRepos(deps.storage).meetings.update(
      schoolId,
      meetingId,
      { ...row.data, status: "cancelled", cancelledAt: now },
      req.etag,
    );
    await deps.storage.audit.append(schoolId, {
      kind: "meeting.changed",
      actor: actorOf(principal),
      target: { kind: "meeting", id: meetingId },
      data: { what: "cancelled" },
    });
  }
  await removeCalendarEvent(deps, saved.data);
  if (saved.data.driveId && saved.data.grants.length > 0) {
    const drive = `/drives/${encodeURIComponent(saved.data.driveId)}`;
    for (const g of saved.data.grants) {
      await deps.graph.app
        .api(`${drive}/items/${encodeURIComponent(g.folderId)}/permissions/${encodeURIComponent(g.permissionId)}`)
        .delete()
        .catch((e: { statusCode?: number }) => {
          if (e.statusCode !== 404) throw e;
        });
    }
    saved = (await patchMeeting(deps, schoolId, meetingId, (r) => ({ ...r, grants: [] }))) ?? saved;
  }
  return saved;
}
