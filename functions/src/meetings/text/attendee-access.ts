/**
 * Who may see a meeting's material text and keep notes on it: whoever may see the meeting
 * (access.ts: the chair, the attendees, meeting.manage holders; MEETING_NOT_ATTENDEE for other
 * staff), with the material's 重要性分類 applied through `meeting.read` (like its content).
 * A meeting or material that does not exist is NOT_FOUND.
 */
import { ensureCan, KomuError, type Material, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { loadMeetingFor, materialResource } from "../access.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";

/** The meeting as its chair, an attendee or a meeting.manage holder of the school sees it (M1's "see"). */
export function meetingForAttendee(
  deps: Pick<MeetingsDeps, "storage">,
  req: { schoolId: string; meetingId: string; principal: Principal },
): Promise<StoredEntity<MeetingRow>> {
  return loadMeetingFor(deps, req.principal, req.schoolId, req.meetingId, "see");
}

/** One material of the meeting, readable by the caller (classification applied). */
export function materialFor(meeting: StoredEntity<MeetingRow>, materialId: string, principal: Principal): Material {
  const material = meeting.data.materials.find((m) => m.id === materialId);
  if (!material) throw new KomuError("NOT_FOUND", { details: { kind: "material", id: materialId } });
  ensureCan(principal, "meeting.read", materialResource(meeting, material, principal));
  return material;
}
