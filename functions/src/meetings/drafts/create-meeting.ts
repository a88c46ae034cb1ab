/**
 * Creates a meeting (draft) chaired by the caller (`meeting.manage`): the input checked by the
 * shared schema (agenda within the meeting's time), attendees resolved now (named people must be
 * staff of the school), audited `meeting.created`. Nothing is sent until distribution.
 */
import type { MeetingInput, Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { resolveAttendees } from "../attendees/resolve-attendees.js";
import { actorOf, fiscalYearOfMeeting, newMeetingId, searchTextOf } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, type MeetingRowInput, meetingEntity, meetingsRepos } from "../entities.js";

export async function createMeeting(
  deps: MeetingsDeps,
  req: { schoolId: string; principal: Principal; input: MeetingInput },
): Promise<StoredEntity<MeetingRow>> {
  const { schoolId, principal, input } = req;
  const resolved = await resolveAttendees(deps, schoolId, input.attendees);
  const now = deps.clock().toISOString();
  const draft: MeetingRowInput = {
    type: input.type,
    title: input.title,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    place: input.place,
    attendeeSpec: input.attendees,
    online: input.online,
    agenda: input.agenda,
    confidentialSharingDays: input.confidentialSharingDays,
    chair: actorOf(principal),
    chairOid: principal.oid,
    attendees: resolved.attendees,
    attendeeMails: resolved.mails,
    status: "draft",
    fiscalYear: fiscalYearOfMeeting(input.startsAt),
    createdAt: now,
    createdBy: actorOf(principal),
  };
  const data = meetingEntity.schema.parse(draft);
  data.searchText = searchTextOf(data);
  const id = newMeetingId();
  const row = await meetingsRepos(deps.storage).meetings.create(schoolId, id, data);
  await deps.storage.audit.append(schoolId, {
    kind: "meeting.created",
    actor: actorOf(principal),
    target: { kind: "meeting", id },
    data: { title: input.title, type: input.type, startsAt: input.startsAt },
  });
  return row;
}
