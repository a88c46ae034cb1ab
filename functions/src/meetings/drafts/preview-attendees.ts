/** POST …/meetings/attendee-preview: who an attendee spec reaches now (meeting.manage). */
import { type AttendeeSpec, ensureCan, type Principal } from "@komu/shared";
import { resolveAttendees } from "../attendees/resolve-attendees.js";
import type { MeetingsDeps } from "../deps.js";

export async function previewAttendees(
  deps: MeetingsDeps,
  req: { schoolId: string; principal: Principal; attendees: AttendeeSpec },
): Promise<{ attendees: { oid: string; name: string }[] }> {
  ensureCan(req.principal, "meeting.manage", { schoolId: req.schoolId });
  const { attendees } = await resolveAttendees(deps, req.schoolId, req.attendees);
  return { attendees };
}
