/** The API's views of a meeting row (MeetingView with the caller's abilities, MeetingSummary). */
import type { MeetingSummary, MeetingView, Principal } from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import { canManage, oversees } from "./access.js";
import type { MeetingRow } from "./entities.js";

export function meetingView(row: StoredEntity<MeetingRow>, principal: Principal): MeetingView {
  const m = row.data;
  const manage = canManage(principal, row.schoolId, m);
  return {
    id: row.id,
    schoolId: row.schoolId,
    fiscalYear: m.fiscalYear,
    type: m.type,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    attendeeSpec: m.attendeeSpec,
    attendees: m.attendees,
    chair: m.chair,
    online: m.online,
    joinUrl: m.joinUrl,
    agenda: m.agenda,
    materials: m.materials,
    confidentialSharingDays: m.confidentialSharingDays,
    status: m.status,
    distributedAt: m.distributedAt,
    confidentialSharingRemovedAt: m.confidentialSharingRemovedAt,
    minutes: m.minutes,
    filedRecordIds: m.filedRecordIds,
    createdAt: m.createdAt,
    etag: row.etag,
    abilities: {
      manage,
      recordMinutes: manage || m.minutes.recorderOid === principal.oid,
      readStatus: m.chairOid === principal.oid || oversees(principal, row.schoolId),
    },
  };
}

export function meetingSummary(row: StoredEntity<MeetingRow>): MeetingSummary {
  const m = row.data;
  return {
    id: row.id,
    schoolId: row.schoolId,
    fiscalYear: m.fiscalYear,
    type: m.type,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    status: m.status,
    chair: m.chair,
    distributedAt: m.distributedAt,
    materials: m.materials.length,
    attendees: m.attendees.length,
  };
}
