/** GET …/read-status (the chair, meeting.oversee holders): per attendee × material, for the current version. */
import type { Principal, ReadStatusView } from "@komu/shared";
import { loadMeetingFor } from "../access.js";
import type { MeetingsDeps } from "../deps.js";
import { listReadRows } from "../distribute/read-rows.js";

export async function readStatus(
  deps: MeetingsDeps,
  req: { schoolId: string; meetingId: string; principal: Principal },
): Promise<ReadStatusView> {
  const row = await loadMeetingFor(deps, req.principal, req.schoolId, req.meetingId, "readStatus");
  const reads = new Map((await listReadRows(deps, req.schoolId, req.meetingId)).map((r) => [r.data.oid, r.data]));
  return {
    attendees: row.data.attendees.map((a) => ({
      ...a,
      cells: row.data.materials.map((m) => {
        const cell = reads.get(a.oid)?.cells[m.id];
        const current = cell && cell.version === m.version ? cell : undefined;
        return {
          materialId: m.id,
          version: m.version,
          openedAt: current?.openedAt ?? null,
          pagesSeen: current?.pagesSeen.length ?? 0,
          pages: m.pages,
        };
      }),
    })),
  };
}
