/**
 * Paperless staff meetings (ペーパーレス会議): a meeting, its attendees (by role groups and named
 * staff), its agenda (items with presenter, duration and materials) and its materials (files in
 * the meeting's folder of the school's library, each with its 重要性分類).
 */
import { z } from "zod";
import { Classification } from "../access/capabilities.js";
import { Role } from "../roles.js";

export const MeetingId = z.string().regex(/^[a-z0-9]{8,32}$/, "meeting id");
export const MaterialId = z.string().regex(/^[a-z0-9]{4,32}$/, "material id");
export const AgendaItemId = z.string().regex(/^[a-z0-9]{1,16}$/, "agenda item id");

export const MEETING_TYPES = ["staffMeeting", "gradeMeeting", "committee", "other"] as const;
export const MeetingType = z.enum(MEETING_TYPES);
export type MeetingType = z.infer<typeof MeetingType>;
export const MEETING_TYPE_LABELS: Record<MeetingType, { ja: string; en: string }> = {
  staffMeeting: { ja: "職員会議", en: "Staff meeting" },
  gradeMeeting: { ja: "学年会", en: "Grade meeting" },
  committee: { ja: "委員会", en: "Committee" },
  other: { ja: "その他の会議", en: "Other meeting" },
};

/** Who attends: everyone holding some roles (校務分掌) and/or named staff members of the school. */
export const AttendeeSpec = z
  .object({
    /** `allStaff`: the school's whole staff group (教職員). */
    allStaff: z.boolean().default(false),
    roles: z.array(Role).max(10).default([]),
    people: z.array(z.string().min(1).max(64)).max(200).default([]),
  })
  .refine((a) => a.allStaff || a.roles.length > 0 || a.people.length > 0, {
    message: "出席者を指定してください / Choose the attendees",
  });
export type AttendeeSpec = z.infer<typeof AttendeeSpec>;

export const Attendee = z.object({ oid: z.string(), name: z.string() });
export type Attendee = z.infer<typeof Attendee>;

export const AgendaItem = z.object({
  id: AgendaItemId,
  title: z.string().trim().min(1).max(200),
  presenterOid: z.string().max(64).nullable().default(null),
  presenterName: z.string().max(100).default(""),
  /** Planned minutes. */
  minutes: z.number().int().min(1).max(480),
  materialIds: z.array(MaterialId).max(20).default([]),
  note: z.string().trim().max(1000).default(""),
});
export type AgendaItem = z.infer<typeof AgendaItem>;
export type AgendaItemInput = z.input<typeof AgendaItem>;

/** A material as Kōmu knows it (the bytes live in SharePoint, in the meeting's folder). */
export const Material = z.object({
  id: MaterialId,
  title: z.string().trim().min(1).max(200),
  fileName: z.string().max(255),
  mimeType: z.string().max(200),
  size: z.number().int().nonnegative(),
  classification: Classification,
  /** SharePoint drive item and its current version label. */
  driveItemId: z.string().nullable(),
  version: z.number().int().positive(),
  sha256: z.string(),
  /** PDF pages (null: not a PDF, or not read yet). */
  pages: z.number().int().nonnegative().nullable(),
  uploadedAt: z.iso.datetime({ offset: false }),
  uploadedBy: Attendee,
  /** What changed in the latest version (the chair's note, sent to attendees). */
  changeNote: z.string().max(500).default(""),
  status: z.enum(["uploading", "ready", "failed"]).default("ready"),
  failure: z.string().max(500).optional(),
});
export type Material = z.infer<typeof Material>;

/** Minutes from the agenda: per item the discussion and decisions, and action items. */
export const ActionItem = z.object({
  id: z.string().regex(/^[a-z0-9]{1,16}$/),
  title: z.string().trim().min(1).max(200),
  assigneeOid: z.string().min(1).max(64),
  assigneeName: z.string().max(100).default(""),
  dueDate: z.iso.date(),
  done: z.boolean().default(false),
  doneAt: z.iso.datetime({ offset: false }).nullable().default(null),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const MinutesItem = z.object({
  agendaItemId: AgendaItemId,
  discussion: z.string().trim().max(4000).default(""),
  decisions: z.string().trim().max(2000).default(""),
});
export const Minutes = z.object({
  recorderOid: z.string().nullable().default(null),
  items: z.array(MinutesItem).max(50).default([]),
  actionItems: z.array(ActionItem).max(100).default([]),
  /** Free notes (出席者の補足, 次回予定 …). */
  other: z.string().trim().max(4000).default(""),
  /** The approval the minutes were routed through (電子決裁), once submitted. */
  approvalId: z.string().nullable().default(null),
  status: z.enum(["draft", "submitted", "approved", "returned"]).default("draft"),
});
export type Minutes = z.infer<typeof Minutes>;

export const MeetingStatus = z.enum(["draft", "distributed", "cancelled"]);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** What the chair writes (create and edit). Times are UTC ISO. */
export const MeetingInput = z
  .object({
    type: MeetingType,
    title: z.string().trim().min(1).max(200),
    startsAt: z.iso.datetime({ offset: false }),
    endsAt: z.iso.datetime({ offset: false }),
    place: z.string().trim().max(100).default(""),
    attendees: AttendeeSpec,
    /** Create a Teams online meeting (join link) with the calendar event. */
    online: z.boolean().default(true),
    agenda: z.array(AgendaItem).max(50).default([]),
    /** Days after the meeting when class II materials lose their sharing (default 14). */
    confidentialSharingDays: z.number().int().min(0).max(365).default(14),
  })
  .superRefine((m, ctx) => {
    const problem = agendaProblem(m);
    if (problem) ctx.addIssue({ code: "custom", path: problem.path, message: `${problem.ja} / ${problem.en}` });
  });
export type MeetingInput = z.infer<typeof MeetingInput>;
export type MeetingInputRaw = z.input<typeof MeetingInput>;

/** The meeting's length in minutes. */
export function meetingMinutes(m: { startsAt: string; endsAt: string }): number {
  return Math.round((Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000);
}

export interface MeetingProblem {
  path: (string | number)[];
  ja: string;
  en: string;
}

/** End after start, agenda within the meeting's time, unique agenda ids. Null when fine. */
export function agendaProblem(m: {
  startsAt: string;
  endsAt: string;
  agenda: readonly { id: string; minutes: number }[];
}): MeetingProblem | null {
  const length = meetingMinutes(m);
  if (!(length > 0))
    return { path: ["endsAt"], ja: "終了時刻は開始時刻より後にしてください。", en: "The end must be after the start." };
  const ids = new Set<string>();
  for (const [i, item] of m.agenda.entries()) {
    if (ids.has(item.id))
      return { path: ["agenda", i, "id"], ja: "議題の ID が重複しています。", en: "An agenda item id is repeated." };
    ids.add(item.id);
  }
  const total = m.agenda.reduce((s, a) => s + a.minutes, 0);
  if (total > length)
    return {
      path: ["agenda"],
      ja: `議題の予定時間の合計（${total} 分）が会議の時間（${length} 分）を超えています。時間を調整してください。`,
      en: `The agenda takes ${total} minutes but the meeting lasts ${length}. Adjust the times.`,
    };
  return null;
}
