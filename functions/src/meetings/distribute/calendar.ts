/**
 * The meeting on the chair's calendar (app permission Calendars.ReadWrite): `POST
 * /users/{chairOid}/events` with the attendees by mail and, when online, a Teams meeting
 * (`isOnlineMeeting`, `teamsForBusiness`) → its joinUrl. Idempotent: the event's `transactionId`
 * is chosen and saved on the row BEFORE the POST, so a retry after a lost reply sends the same
 * transactionId and Exchange answers the event it already made instead of a second one. Once the
 * event id is known, a re-distribution PATCHes the event (times, place, attendees).
 */
import { randomUUID } from "node:crypto";
import { KomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";

interface EventReply {
  id: string;
  onlineMeeting?: { joinUrl?: string | null } | null;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function eventBody(m: MeetingRow, openUrl: string | undefined) {
  const agenda = m.agenda
    .map(
      (a) =>
        `<li>${escapeHtml(a.title)}（${a.minutes}分${a.presenterName ? `・${escapeHtml(a.presenterName)}` : ""}）</li>`,
    )
    .join("");
  return {
    subject: m.title,
    body: {
      contentType: "HTML",
      content: `${agenda ? `<p>議題</p><ol>${agenda}</ol>` : ""}${openUrl ? `<p><a href="${escapeHtml(openUrl)}">資料を開く（Kōmu）</a></p>` : ""}`,
    },
    start: { dateTime: m.startsAt.replace(/Z$/, ""), timeZone: "UTC" },
    end: { dateTime: m.endsAt.replace(/Z$/, ""), timeZone: "UTC" },
    location: { displayName: m.place },
    attendees: m.attendees
      .filter((a) => a.oid !== m.chairOid && m.attendeeMails[a.oid])
      .map((a) => ({ type: "required", emailAddress: { address: m.attendeeMails[a.oid], name: a.name } })),
    allowNewTimeProposals: false,
  };
}

export async function ensureCalendarEvent(
  deps: Pick<MeetingsDeps, "storage" | "graph" | "openUrl">,
  row: StoredEntity<MeetingRow>,
): Promise<{ eventId: string; joinUrl: string | null; calls: number }> {
  const m = row.data;
  const chair = encodeURIComponent(m.chairOid);
  const openUrl = deps.openUrl?.(row.schoolId, row.id);
  if (m.calendarEventId) {
    const patched = (await deps.graph.app
      .api(`/users/${chair}/events/${encodeURIComponent(m.calendarEventId)}`)
      .patch(eventBody(m, openUrl))) as EventReply;
    return { eventId: patched.id, joinUrl: patched.onlineMeeting?.joinUrl ?? m.joinUrl, calls: 1 };
  }
  let transactionId = m.calendarTransactionId;
  if (!transactionId) {
    const chosen = randomUUID();
    const saved = await patchMeeting(deps, row.schoolId, row.id, (r) =>
      r.calendarTransactionId ? null : { ...r, calendarTransactionId: chosen },
    );
    transactionId = saved?.data.calendarTransactionId ?? null;
    if (!transactionId) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: row.id } });
  }
  const created = (await deps.graph.app.api(`/users/${chair}/events`).post({
    ...eventBody(m, openUrl),
    transactionId,
    ...(m.online ? { isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness" } : {}),
  })) as EventReply;
  return { eventId: created.id, joinUrl: created.onlineMeeting?.joinUrl ?? null, calls: 1 };
}

/** Cancels the meeting's event (DELETE; 404 = already gone). */
export async function removeCalendarEvent(
  deps: Pick<MeetingsDeps, "graph">,
  m: Pick<MeetingRow, "chairOid" | "calendarEventId">,
): Promise<void> {
  if (!m.calendarEventId) return;
  try {
    await deps.graph.app
      .api(`/users/${encodeURIComponent(m.chairOid)}/events/${encodeURIComponent(m.calendarEventId)}`)
      .delete();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
  }
}
