/**
 * PUT …/meetings/{id} (If-Match; the chair): the details replaced (agenda checked by the shared
 * schema, attendees resolved now). A distributed meeting is distributed again: new attendees get
 * access and the card, removed ones lose their named-person grant, the calendar event follows.
 * Audited `meeting.changed` (details, with the changed fields).
 */
import type { MeetingInput, Principal } from "@komu/shared";
import { diffChanges } from "@komu/shared/audit/events";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, ensureNotCancelled, loadMeetingFor } from "../access.js";
import { resolveAttendees } from "../attendees/resolve-attendees.js";
import { actorOf, fiscalYearOfMeeting, searchTextOf } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { distributeRow } from "../distribute/distribute.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";

export async function updateMeeting(
  deps: MeetingsDeps,
  req: { schoolId: string; meetingId: string; principal: Principal; input: MeetingInput; etag: string },
): Promise<StoredEntity<MeetingRow>> {
  const { schoolId, meetingId, principal, input } = req;
  const row = await loadMeetingFor(deps, principal, schoolId, meetingId, "manage");
  ensureNotCancelled(row);
  ensureEtag(row, req.etag);
  const resolved = await resolveAttendees(deps, schoolId, input.attendees);
  const known = new Set(row.data.materials.map((m) => m.id));
  const agenda = input.agenda.map((a) => ({ ...a, materialIds: a.materialIds.filter((id) => known.has(id)) }));
  const next: MeetingRow = {
    ...row.data,
    type: input.type,
    title: input.title,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    place: input.place,
    attendeeSpec: input.attendees,
    online: input.online,
    agenda,
    confidentialSharingDays: input.confidentialSharingDays,
    attendees: resolved.attendees,
    attendeeMails: resolved.mails,
    fiscalYear: fiscalYearOfMeeting(input.startsAt),
  };
  next.searchText = searchTextOf(next);
  const saved = await meetingsRepos(deps.storage).meetings.update(schoolId, meetingId, next, req.etag);
  const changes = diffChanges(row.data, saved.data, ["searchText", "attendeeMails", "agenda", "attendees"]);
  await deps.storage.audit.append(schoolId, {
    kind: "meeting.changed",
    actor: actorOf(principal),
    target: { kind: "meeting", id: meetingId },
    data: { what: "details", ...(Object.keys(changes).length > 0 ? { changes } : {}) },
  });
  if (saved.data.status === "distributed") return distributeRow(deps, saved, principal);
  return saved;
}
