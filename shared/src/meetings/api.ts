/**
 * The meetings API's shapes (shared by functions/ and the tab). Routes live under
 * /api/schools/{schoolId}/meetings…; see functions/src/meetings. Changes to a meeting carry its
 * row's ETag in If-Match.
 */
import { z } from "zod";
import { Classification } from "../access/capabilities.js";
import {
  ActionItem,
  AgendaItem,
  Attendee,
  AttendeeSpec,
  Material,
  MaterialId,
  MeetingId,
  MeetingInput,
  MeetingStatus,
  MeetingType,
  Minutes,
  MinutesItem,
} from "./meeting.js";
import { NOTE_COLORS, NOTE_TEXT_MAX, Note, NoteAnchor } from "./notes.js";

const isoDateTime = z.iso.datetime({ offset: false });

export const MeetingCreateInput = MeetingInput;
export const MeetingUpdateInput = MeetingInput;

export const MeetingView = z.object({
  id: MeetingId,
  schoolId: z.string(),
  fiscalYear: z.number().int(),
  type: MeetingType,
  title: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  place: z.string(),
  attendeeSpec: AttendeeSpec,
  /** Resolved when distributed (and previewed before). */
  attendees: z.array(Attendee),
  chair: Attendee,
  online: z.boolean(),
  /** The Teams meeting's join link, once the calendar event exists. */
  joinUrl: z.string().nullable(),
  agenda: z.array(AgendaItem),
  materials: z.array(Material),
  confidentialSharingDays: z.number().int(),
  status: MeetingStatus,
  distributedAt: isoDateTime.nullable(),
  /** Class II materials' sharing was removed at (null: not yet / none). */
  confidentialSharingRemovedAt: isoDateTime.nullable(),
  minutes: Minutes,
  /** Records filed from the meeting's folder (the folder filed as a record). */
  filedRecordIds: z.array(z.string()),
  createdAt: isoDateTime,
  etag: z.string(),
  /** What the caller may do (the tab shows only these). */
  abilities: z.object({ manage: z.boolean(), recordMinutes: z.boolean(), readStatus: z.boolean() }),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingSummary = MeetingView.pick({
  id: true,
  schoolId: true,
  fiscalYear: true,
  type: true,
  title: true,
  startsAt: true,
  endsAt: true,
  place: true,
  status: true,
  chair: true,
  distributedAt: true,
}).extend({ materials: z.number().int(), attendees: z.number().int() });
export type MeetingSummary = z.infer<typeof MeetingSummary>;
export const MeetingList = z.object({ items: z.array(MeetingSummary) });

/** POST …/meetings/attendee-preview: who an attendee spec reaches now. */
export const AttendeePreviewInput = z.object({ attendees: AttendeeSpec });
export const AttendeePreview = z.object({ attendees: z.array(Attendee) });

/** POST …/meetings/{id}/materials: a staged upload (records uploads) becomes a material. */
export const MaterialCreateInput = z.object({
  uploadId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200),
  classification: Classification.default("III"),
  /** Attach to an agenda item. */
  agendaItemId: z.string().max(16).optional(),
});
/** PUT …/materials/{materialId}/content (If-Match: the meeting's ETag): a new version. */
export const MaterialReplaceInput = z.object({
  uploadId: z.string().min(1).max(64),
  changeNote: z.string().trim().max(500).default(""),
});

/** GET …/materials/{materialId}/text: each page's text (pdf.js), for search and anchoring. */
export const MaterialText = z.object({
  materialId: MaterialId,
  version: z.number().int(),
  pages: z.array(z.string()),
});
export type MaterialText = z.infer<typeof MaterialText>;

/** POST …/materials/{materialId}/read: the attendee looked at a page. */
export const ReadInput = z.object({ page: z.number().int().min(1).max(10_000) });

export const ReadCell = z.object({
  materialId: z.string(),
  version: z.number().int(),
  openedAt: isoDateTime.nullable(),
  pagesSeen: z.number().int(),
  pages: z.number().int().nullable(),
});
/** GET …/read-status (chair): per attendee and material. */
export const ReadStatusView = z.object({
  attendees: z.array(Attendee.extend({ cells: z.array(ReadCell) })),
});
export type ReadStatusView = z.infer<typeof ReadStatusView>;

/** GET/PUT …/materials/{materialId}/notes: the caller's own notes (private). */
export const NoteUpsert = z.object({
  id: z.string().regex(/^[a-z0-9]{4,32}$/),
  kind: z.enum(["note", "highlight"]),
  anchor: NoteAnchor,
  text: z.string().max(NOTE_TEXT_MAX).default(""),
  color: z.enum(NOTE_COLORS).default("yellow"),
});
export const NotesPutInput = z.object({ notes: z.array(NoteUpsert).max(500) });
export const NotesView = z.object({
  materialId: z.string(),
  version: z.number().int(),
  notes: z.array(Note),
  etag: z.string().optional(),
});
export type NotesView = z.infer<typeof NotesView>;

/** PUT …/minutes (If-Match): the recorder's draft. */
export const MinutesInput = z.object({
  items: z.array(MinutesItem).max(50),
  actionItems: z.array(ActionItem.omit({ done: true, doneAt: true })).max(100),
  other: z.string().trim().max(4000).default(""),
});
/** POST …/minutes/submit (If-Match): render the 議事録 PDF and route it for approval (電子決裁). */
export const MinutesSubmitInput = z.object({
  templateId: z.string().min(1).max(64).default("general"),
  categoryCode: z.string().min(1).max(32),
});
/** PATCH …/action-items/{actionItemId} (the assignee or the chair). */
export const ActionItemPatch = z.object({ done: z.boolean() });
/** POST …/file (If-Match): the meeting's folder filed as records (its materials, and the minutes once approved). */
export const FileMeetingInput = z.object({ categoryCode: z.string().min(1).max(32) });
