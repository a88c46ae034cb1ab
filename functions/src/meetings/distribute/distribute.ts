/**
 * POST …/meetings/{id}/distribute (If-Match; the chair), also run by an edit of a distributed
 * meeting: attendees resolved now; every material must be stored (MEETING_MATERIAL_NOT_READY);
 * (a) the calendar event with the Teams meeting (calendar.ts) → joinUrl; (b) the folder grants
 * (grant-access.ts: one invite per shared subfolder — 資料, and 取扱注意 until its sharing is
 * removed — naming the groups and uncovered people; the meeting folder and 機密 are never shared);
 * (c) one card per attendee (outbox
 * effect `meetings.cards`, dedupe per distribution; attendees who already have the card get no
 * second one). The row is saved with the event, grants and distribution; audited
 * `meeting.distributed` with the number of permission operations.
 */
import { KomuError, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, ensureNotCancelled, loadMeetingFor } from "../access.js";
import { resolveAttendees } from "../attendees/resolve-attendees.js";
import { actorOf, enqueueAndDeliver, patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";
import { ensureMeetingFolders } from "../materials/folder.js";
import { sharedSubfolders } from "../materials/folder-layout.js";
import { ensureCalendarEvent } from "./calendar.js";
import { MEETINGS_CARDS_EFFECT } from "./cards-effect.js";
import { grantFolderAccess, type Recipient } from "./grant-access.js";

export async function distributeMeeting(
  deps: MeetingsDeps,
  req: { schoolId: string; meetingId: string; principal: Principal; etag: string },
): Promise<StoredEntity<MeetingRow>> {
  const row = await loadMeetingFor(deps, req.principal, req.schoolId, req.meetingId, "manage");
  ensureNotCancelled(row);
  ensureEtag(row, req.etag);
  return distributeRow(deps, row, req.principal);
}

/** Distribution of a loaded row (the ETag already checked). */
export async function distributeRow(
  deps: MeetingsDeps,
  loaded: StoredEntity<MeetingRow>,
  principal: Principal,
): Promise<StoredEntity<MeetingRow>> {
  const { schoolId, id: meetingId } = loaded;
  const notReady = loaded.data.materials.filter((m) => m.status !== "ready");
  if (notReady.length > 0)
    throw new KomuError("MEETING_MATERIAL_NOT_READY", { details: { materials: notReady.map((m) => m.id) } });
  const resolved = await resolveAttendees(deps, schoolId, loaded.data.attendeeSpec);
  const withAttendees = await patchMeeting(deps, schoolId, meetingId, (r) => ({
    ...r,
    attendees: resolved.attendees,
    attendeeMails: resolved.mails,
  }));
  if (!withAttendees) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: meetingId } });
  const shared = sharedSubfolders(withAttendees.data);
  const folders = await ensureMeetingFolders(deps, schoolId, meetingId, withAttendees.data, { subfolders: shared });
  const current = (await patchMeeting(deps, schoolId, meetingId, () => null)) ?? withAttendees;
  const event = await ensureCalendarEvent(deps, current);
  const recipients: Recipient[] = [
    ...resolved.groups.map((g) => ({ kind: "group" as const, id: g.id })),
    ...resolved.uncovered.map((id) => ({ kind: "user" as const, id })),
  ];
  const granted = await grantFolderAccess(deps, {
    driveId: folders.driveId,
    folderIds: shared.map((sub) => folders.subfolders[sub]).filter((id): id is string => !!id),
    recipients,
    attendeeOids: resolved.attendees.map((a) => a.oid),
    existing: current.data.grants,
    mode: current.data.grantMode,
  });
  const now = deps.clock().toISOString();
  const saved = await patchMeeting(deps, schoolId, meetingId, (r) => ({
    ...r,
    calendarEventId: event.eventId,
    joinUrl: event.joinUrl,
    grants: granted.grants,
    grantMode: granted.mode,
    status: "distributed",
    distributedAt: r.distributedAt ?? now,
    distribution: r.distribution + 1,
  }));
  if (!saved) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: meetingId } });
  await deps.storage.audit.append(schoolId, {
    kind: "meeting.distributed",
    actor: actorOf(principal),
    target: { kind: "meeting", id: meetingId },
    data: {
      attendees: resolved.attendees.length,
      materials: saved.data.materials.length,
      permissionOperations: granted.operations,
    },
  });
  deps.logger.info("meetings.distributed", {
    meetingId,
    attendees: resolved.attendees.length,
    permissionOperations: granted.operations,
    grantMode: granted.mode,
  });
  await enqueueAndDeliver(
    deps,
    {
      kind: MEETINGS_CARDS_EFFECT,
      schoolId,
      payload: { meetingId, distribution: saved.data.distribution },
      dedupeKey: `${meetingId}:d${saved.data.distribution}`,
    },
    { wait: true },
  );
  return (await patchMeeting(deps, schoolId, meetingId, () => null)) ?? saved;
}
