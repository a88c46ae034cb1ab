/**
 * Who may do what with a meeting:
 *  - manage (edit, materials, distribute, cancel): its chair, while they hold `meeting.manage` in the school;
 *  - see it (details, materials list): the chair, its attendees (staff of the school: `meeting.read`),
 *    and every `meeting.manage` holder of the school (they oversee the school's meetings);
 *  - read status: the chair and `meeting.manage` holders.
 * Anyone else of the school's staff gets MEETING_NOT_ATTENDEE (recorded like any refusal);
 * non-staff get FORBIDDEN from `meeting.read` itself. Capabilities only, no role strings.
 */
import { can, ensureCan, KomuError, type Principal } from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import type { MeetingsDeps } from "./deps.js";
import { type MeetingRow, meetingsRepos } from "./entities.js";

export type MeetingAccess = "manage" | "see" | "readStatus";

export const isAttendee = (row: Pick<MeetingRow, "attendees">, oid: string) => row.attendees.some((a) => a.oid === oid);

export function canManage(principal: Principal, schoolId: string, row: Pick<MeetingRow, "chairOid">): boolean {
  return row.chairOid === principal.oid && can(principal, "meeting.manage", { schoolId });
}

/** meeting.manage holders of the school oversee its meetings (list all, see all, read status). */
export const oversees = (principal: Principal, schoolId: string) => can(principal, "meeting.manage", { schoolId });

export function canSee(principal: Principal, schoolId: string, row: Pick<MeetingRow, "chairOid" | "attendees">) {
  return row.chairOid === principal.oid || oversees(principal, schoolId) || isAttendee(row, principal.oid);
}

export async function loadMeeting(
  deps: Pick<MeetingsDeps, "storage">,
  schoolId: string,
  meetingId: string,
): Promise<StoredEntity<MeetingRow>> {
  const row = await meetingsRepos(deps.storage).meetings.get(schoolId, meetingId);
  if (!row) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: meetingId } });
  return row;
}

/** The meeting row, or FORBIDDEN (not staff) / NOT_FOUND / MEETING_NOT_ATTENDEE. */
export async function loadMeetingFor(
  deps: Pick<MeetingsDeps, "storage">,
  principal: Principal,
  schoolId: string,
  meetingId: string,
  mode: MeetingAccess,
): Promise<StoredEntity<MeetingRow>> {
  if (mode === "manage") ensureCan(principal, "meeting.manage", { schoolId });
  else ensureCan(principal, "meeting.read", { schoolId, classification: "IV" });
  const row = await loadMeeting(deps, schoolId, meetingId);
  if (mode === "manage" && !canManage(principal, schoolId, row.data))
    throw new KomuError("FORBIDDEN", {
      message: {
        ja: "この会議を編集できるのは主催者だけです。",
        en: "Only the meeting's chair can change it.",
      },
      details: { capability: "meeting.manage", schoolId, meetingId },
    });
  if (mode === "readStatus" && !(row.data.chairOid === principal.oid || oversees(principal, schoolId)))
    throw new KomuError("FORBIDDEN", { details: { capability: "meeting.manage", schoolId, meetingId } });
  if (mode === "see" && !canSee(principal, schoolId, row.data))
    throw new KomuError("MEETING_NOT_ATTENDEE", { details: { schoolId, meetingId } });
  return row;
}

export function ensureEtag(row: StoredEntity<MeetingRow>, etag: string): void {
  if (row.etag !== etag) throw new KomuError("STALE_ETAG", { details: { kind: "meeting", id: row.id } });
}

export function ensureNotCancelled(row: StoredEntity<MeetingRow>): void {
  if (row.data.status === "cancelled") throw new KomuError("MEETING_CANCELLED", { details: { meetingId: row.id } });
}
