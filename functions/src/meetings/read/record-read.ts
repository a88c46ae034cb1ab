/**
 * POST …/materials/{materialId}/read {page} (an attendee): merged into their read row with ETag
 * retry — openedAt (first time), the pages seen, the last page, for the current version (a new
 * version starts a fresh cell). Not an attendee: MEETING_NOT_ATTENDEE.
 */
import { ensureCan, KomuError, type Principal } from "@komu/shared";
import { isAttendee, loadMeeting, materialResource } from "../access.js";
import type { MeetingsDeps } from "../deps.js";
import { patchReadRow } from "../distribute/read-rows.js";

export async function recordRead(
  deps: MeetingsDeps,
  req: { schoolId: string; meetingId: string; materialId: string; principal: Principal; page: number },
): Promise<void> {
  const { schoolId, meetingId, materialId, principal, page } = req;
  ensureCan(principal, "meeting.read", { schoolId, classification: "IV" });
  const row = await loadMeeting(deps, schoolId, meetingId);
  if (!isAttendee(row.data, principal.oid)) throw new KomuError("MEETING_NOT_ATTENDEE", { details: { meetingId } });
  const material = row.data.materials.find((m) => m.id === materialId);
  if (!material) throw new KomuError("NOT_FOUND", { details: { kind: "material", id: materialId } });
  ensureCan(principal, "meeting.read", materialResource(row, material, principal));
  if (material.pages !== null && page > material.pages)
    throw new KomuError("VALIDATION_FAILED", {
      message: { ja: "その資料にそのページはありません。", en: "The material has no such page." },
      details: { page, pages: material.pages },
    });
  const now = deps.clock().toISOString();
  await patchReadRow(deps, schoolId, meetingId, { oid: principal.oid, name: principal.name }, (r) => {
    const cell = r.cells[materialId];
    const same = cell && cell.version === material.version;
    const pagesSeen = same ? cell.pagesSeen : [];
    if (same && pagesSeen.includes(page) && cell.lastPage === page) return null;
    return {
      ...r,
      cells: {
        ...r.cells,
        [materialId]: {
          version: material.version,
          openedAt: same ? cell.openedAt : now,
          lastReadAt: now,
          pagesSeen: [...new Set([...pagesSeen, page])].sort((a, b) => a - b),
          lastPage: page,
        },
      },
    };
  });
}
