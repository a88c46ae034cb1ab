/**
 * What the meetings module keeps in Azure Tables (partition = schoolId, like every entity):
 *   meeting          id = meetingId              the whole meeting (input, attendees, materials, minutes, life)
 *   meetingRead      id = `<meetingId>.<oid>`    one attendee's reading and their card (per material cells)
 * Every change to a meeting is one ETag-guarded replace of its row (If-Match = the row's ETag).
 * Rows of one meeting are listed with the id prefix `<meetingId>.`. Engineers of notes/, minutes/,
 * after/: add fields additively (optional or defaulted), re-read this file first.
 */
import { AgendaItem, Attendee, AttendeeSpec, Material, MeetingStatus, MeetingType, Minutes } from "@komu/shared";
import { z } from "zod";
import type { Storage } from "../storage/index.js";
import { defineEntity } from "../storage/index.js";

const isoDateTime = z.iso.datetime({ offset: false });

/** The Graph permission a distribution granted on a folder (one invite → one permission per recipient). */
export const FolderGrant = z.object({
  /** The folder's drive item id (the meeting's 資料 or 取扱注意 subfolder). */
  folderId: z.string(),
  permissionId: z.string(),
  /** The recipient: a group (role / allStaff) or a named person. */
  kind: z.enum(["group", "user"]),
  principalId: z.string(),
});
export type FolderGrant = z.infer<typeof FolderGrant>;

export const meetingEntity = defineEntity({
  kind: "meeting",
  schema: z.object({
    type: MeetingType,
    title: z.string(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    place: z.string(),
    attendeeSpec: AttendeeSpec,
    online: z.boolean(),
    agenda: z.array(AgendaItem),
    confidentialSharingDays: z.number().int(),
    chair: Attendee,
    /** Copied out for the server-side filter "meetings I chair". */
    chairOid: z.string(),
    /** Resolved from the spec (at create/update, and again at distribution). */
    attendees: z.array(Attendee).default([]),
    /** Attendees' mail addresses by oid (calendar invitations). */
    attendeeMails: z.record(z.string(), z.string()).default({}),
    /** The Teams meeting's join link (once the calendar event exists). */
    joinUrl: z.string().nullable().default(null),
    /** The chair's calendar event (Graph event id) and the transactionId it was created with. */
    calendarEventId: z.string().nullable().default(null),
    calendarTransactionId: z.string().nullable().default(null),
    materials: z.array(Material).default([]),
    minutes: Minutes.default(Minutes.parse({})),
    status: MeetingStatus,
    distributedAt: isoDateTime.nullable().default(null),
    /**
     * The meeting's folder in the school's records library (never shared) and its subfolders
     * (materials/folder-layout.ts): 資料 (class III/IV, shared), 取扱注意 (class II, shared until
     * confidentialSharingDays after the meeting), 機密 (class I, never shared).
     */
    driveId: z.string().nullable().default(null),
    folderId: z.string().nullable().default(null),
    materialsFolderId: z.string().nullable().default(null),
    confidentialFolderId: z.string().nullable().default(null),
    secretFolderId: z.string().nullable().default(null),
    /** The folder path under the drive root (会議資料/<年度>年度/<YYYY-MM-DD> <title>). */
    folderPath: z.string().nullable().default(null),
    /** Permissions granted by distribution (removed ones are deleted from this list). */
    grants: z.array(FolderGrant).default([]),
    /** How the grants were made: one invite per folder, or the `$batch` fallback (tenant refused groups). */
    grantMode: z.enum(["invite", "batch"]).nullable().default(null),
    /** Which distribution the cards were sent for (a re-distribution bumps it; effects dedupe on it). */
    distribution: z.number().int().nonnegative().default(0),
    confidentialSharingRemovedAt: isoDateTime.nullable().default(null),
    filedRecordIds: z.array(z.string()).default([]),
    cancelledAt: isoDateTime.nullable().default(null),
    /** 年度 of startsAt (JST; April–March). */
    fiscalYear: z.number().int(),
    /** Lower-cased title, place, agenda titles and material titles (the list's words filter). */
    searchText: z.string().default(""),
    createdAt: isoDateTime,
    createdBy: Attendee,
  }),
  indexes: ["fiscalYear", "chairOid", "status"],
});
export type MeetingRow = z.infer<typeof meetingEntity.schema>;
export type MeetingRowInput = z.input<typeof meetingEntity.schema>;

/** One attendee's reading of one material (for its current version; a new version starts fresh). */
export const ReadCellRow = z.object({
  version: z.number().int().positive(),
  openedAt: isoDateTime,
  lastReadAt: isoDateTime,
  /** 1-based pages seen, sorted, unique. */
  pagesSeen: z.array(z.number().int().positive()).default([]),
  lastPage: z.number().int().positive(),
});
export type ReadCellRow = z.infer<typeof ReadCellRow>;

export const meetingReadEntity = defineEntity({
  kind: "meetingRead",
  schema: z.object({
    meetingId: z.string(),
    oid: z.string(),
    name: z.string().default(""),
    /** By materialId. */
    cells: z.record(z.string(), ReadCellRow).default({}),
    /** Teams: the activity id of the meeting card sent to this person, and for which distribution. */
    cardActivityId: z.string().nullable().default(null),
    cardDistribution: z.number().int().nonnegative().default(0),
    /** Material update cards already sent to this person: `<materialId>@<version>` (a retried effect skips them). */
    updatesSent: z.array(z.string()).default([]),
  }),
  indexes: ["meetingId"],
});
export type MeetingReadRow = z.infer<typeof meetingReadEntity.schema>;
export type MeetingReadRowInput = z.input<typeof meetingReadEntity.schema>;

export function meetingsRepos(storage: Pick<Storage, "entities">) {
  return {
    meetings: storage.entities.repo(meetingEntity),
    reads: storage.entities.repo(meetingReadEntity),
  };
}
export type MeetingsRepos = ReturnType<typeof meetingsRepos>;

export const readRowId = (meetingId: string, oid: string) => `${meetingId}.${oid}`;
