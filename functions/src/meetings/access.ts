/**
 * Who may do what with a meeting:
 *  - manage (edit, materials, distribute, cancel): its chair, while they hold `meeting.manage` in the school;
 *  - see it (details, materials list): the chair, its attendees once it is distributed (a draft is
 *    the chair's own until then; staff of the school: `meeting.read`), and the school's
 *    `meeting.oversee` holders (principal, vice principal);
 *  - read status: the chair and `meeting.oversee` holders.
 * `meeting.manage` itself only says who may chair (create) a meeting; it does not show others' meetings.
 * Anyone else of the school's staff gets MEETING_NOT_ATTENDEE (recorded like any refusal);
 * non-staff get FORBIDDEN from `meeting.read` itself. Capabilities only, no role strings.
 */
import { can, ensureCan, KomuError, type Material, type Principal, type Resource } from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import type { MeetingsDeps } from "./deps.js";
import { type MeetingRow, meetingsRepos } from "./entities.js";

export type MeetingAccess = "manage" | "see" | "readStatus";

export const isAttendee = (row: Pick<MeetingRow, "attendees">, oid: string) => row.attendees.some((a) => a.oid === oid);

/** An attendee of a meeting that has been distributed (a draft is not shown to its attendees yet). */
export const isInvited = (row: Pick<MeetingRow, "attendees" | "status">, oid: string) =>
  row.status !== "draft" && isAttendee(row, oid);

export function canManage(principal: Principal, schoolId: string, row: Pick<MeetingRow, "chairOid">): boolean {
  return row.chairOid === principal.oid && can(principal, "meeting.manage", { schoolId });
}

/** meeting.oversee holders of the school (principal, vice principal) see all its meetings and their read status. */
export const oversees = (principal: Principal, schoolId: string) => can(principal, "meeting.oversee", { schoolId });

export function canSee(
  principal: Principal,
  schoolId: string,
  row: Pick<MeetingRow, "chairOid" | "attendees" | "status">,
) {
  return row.chairOid === principal.oid || oversees(principal, schoolId) || isInvited(row, principal.oid);
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
    throw new KomuError("FORBIDDEN", {
      message: {
        ja: "閲覧状況を見られるのは主催者と校長・副校長だけです。",
        en: "Only the chair and the school's leaders can see the read status.",
      },
      details: { capability: "meeting.oversee", schoolId, meetingId },
    });
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

/**
 * What reading a material is checked against (`meeting.read` with this resource). Class II
 * materials are distributed by the chair to the meeting's attendees: for the chair, and for the
 * attendees of a distributed meeting until the 取扱注意 sharing is removed (the same people and
 * time as the SharePoint grant on 取扱注意/), they are read like the meeting's other materials.
 * Otherwise the classification applies as everywhere (class I/II: leaders and the uploader).
 */
export function materialResource(
  row: StoredEntity<MeetingRow>,
  material: Pick<Material, "classification" | "uploadedBy">,
  principal: Principal,
): Resource {
  const m = row.data;
  const distributedTo =
    material.classification === "II" &&
    !m.confidentialSharingRemovedAt &&
    (m.chairOid === principal.oid || (m.status === "distributed" && isAttendee(m, principal.oid)));
  return {
    schoolId: row.schoolId,
    classification: distributedTo ? "III" : material.classification,
    ownerId: material.uploadedBy.oid,
  };
}
