/**
 * Who may see a meeting's material text and keep notes on it: the chair and the attendees
 * (MEETING_NOT_ATTENDEE for other staff), with the material's 重要性分類 applied through
 * `meeting.read` (like its content). A meeting or material that does not exist is NOT_FOUND.
 */
import { ensureCan, KomuError, type Material, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";

export const isChair = (meeting: MeetingRow, oid: string) => meeting.chair.oid === oid;
export const isAttendee = (meeting: MeetingRow, oid: string) =>
  isChair(meeting, oid) || meeting.attendees.some((a) => a.oid === oid);

export async function loadMeeting(
  deps: Pick<MeetingsDeps, "storage">,
  schoolId: string,
  meetingId: string,
): Promise<StoredEntity<MeetingRow>> {
  const row = await meetingsRepos(deps.storage).meetings.get(schoolId, meetingId);
  if (!row) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: meetingId } });
  return row;
}

/** The meeting as its chair or an attendee sees it. */
export async function meetingForAttendee(
  deps: Pick<MeetingsDeps, "storage">,
  req: { schoolId: string; meetingId: string; principal: Principal },
): Promise<StoredEntity<MeetingRow>> {
  ensureCan(req.principal, "meeting.read", { schoolId: req.schoolId, classification: "IV" });
  const row = await loadMeeting(deps, req.schoolId, req.meetingId);
  if (!isAttendee(row.data, req.principal.oid))
    throw new KomuError("MEETING_NOT_ATTENDEE", { details: { meetingId: req.meetingId } });
  return row;
}

/** One material of the meeting, readable by the caller (classification applied). */
export function materialFor(meeting: StoredEntity<MeetingRow>, materialId: string, principal: Principal): Material {
  const material = meeting.data.materials.find((m) => m.id === materialId);
  if (!material) throw new KomuError("NOT_FOUND", { details: { kind: "material", id: materialId } });
  ensureCan(principal, "meeting.read", {
    schoolId: meeting.schoolId,
    classification: material.classification,
    ownerId: material.uploadedBy.oid,
  });
  return material;
}
