/**
 * PUT …/minutes (If-Match: the meeting's ETag): the recorder's draft of the 議事録 — per agenda
 * item the discussion and decisions, action items (assignee among the chair and attendees, due
 * date), other notes. The chair and meeting.manage holders write it (the writer becomes the
 * recorder). Locked while submitted or approved (MEETING_MINUTES_LOCKED); a returned approval
 * makes them editable again. Action items keep their done state across edits. Audited
 * (meeting.changed, what "minutes").
 */
import { type Attendee, KomuError, MinutesInput, type Principal } from "@komu/shared";
import type { z } from "zod";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, ensureNotCancelled, loadMeetingFor } from "../access.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";
import { ensureAssignees, pruneAssignees } from "./action-index.js";
import { minutesState } from "./status.js";

const issue = (path: string, message: string) =>
  new KomuError("VALIDATION_FAILED", { details: { issues: [{ path, code: "custom", message }] } });

/** Everyone an action item may be assigned to. */
export const assignable = (m: MeetingRow): Map<string, Attendee> =>
  new Map([m.chair, ...m.attendees].map((a) => [a.oid, a]));

export async function putMinutes(
  deps: Pick<MeetingsDeps, "storage" | "clock">,
  req: {
    schoolId: string;
    meetingId: string;
    principal: Principal;
    etag: string;
    input: z.input<typeof MinutesInput>;
  },
): Promise<StoredEntity<MeetingRow>> {
  const input = MinutesInput.parse(req.input);
  const row = await loadMeetingFor(deps, req.principal, req.schoolId, req.meetingId, "readStatus");
  ensureNotCancelled(row);
  ensureEtag(row, req.etag);
  const m = row.data;
  const state = await minutesState(deps, req.schoolId, m.minutes);
  if (state.status === "submitted" || state.status === "approved")
    throw new KomuError("MEETING_MINUTES_LOCKED", {
      details: { status: state.status, approvalId: m.minutes.approvalId },
    });

  const agendaIds = new Set(m.agenda.map((a) => a.id));
  const seenItems = new Set<string>();
  for (const [i, item] of input.items.entries()) {
    if (!agendaIds.has(item.agendaItemId))
      throw issue(`items.${i}.agendaItemId`, "この議題は会議にありません / not an agenda item of this meeting");
    if (seenItems.has(item.agendaItemId)) throw issue(`items.${i}.agendaItemId`, "議題が重複しています / repeated");
    seenItems.add(item.agendaItemId);
  }
  const people = assignable(m);
  const before = new Map(m.minutes.actionItems.map((a) => [a.id, a]));
  const ids = new Set<string>();
  const actionItems = input.actionItems.map((a, i) => {
    if (ids.has(a.id)) throw issue(`actionItems.${i}.id`, "ID が重複しています / repeated id");
    ids.add(a.id);
    const person = people.get(a.assigneeOid);
    if (!person)
      throw issue(
        `actionItems.${i}.assigneeOid`,
        "担当者は議長か出席者にしてください / assign the chair or an attendee",
      );
    const old = before.get(a.id);
    return {
      ...a,
      assigneeName: a.assigneeName || person.name,
      done: old?.done ?? false,
      doneAt: old?.doneAt ?? null,
    };
  });
  const minutes = {
    ...m.minutes,
    recorderOid: req.principal.oid,
    items: input.items,
    actionItems,
    other: input.other,
    status: "draft" as const,
  };
  await ensureAssignees(
    deps.storage,
    req.schoolId,
    row.id,
    actionItems.filter((a) => !a.done).map((a) => a.assigneeOid),
  );
  const saved = await meetingsRepos(deps.storage).meetings.update(req.schoolId, row.id, { ...m, minutes }, row.etag);
  await pruneAssignees(deps.storage, req.schoolId, row.id, saved.data);
  await deps.storage.audit.append(req.schoolId, {
    kind: "meeting.changed",
    actor: { oid: req.principal.oid, name: req.principal.name },
    target: { kind: "meeting", id: row.id },
    data: { what: "minutes" },
  });
  return saved;
}
