/** The meeting card of one attendee (shared/src/cards/meeting.ts), from the meeting row. */
import { formatJst, MEETING_TYPE_LABELS } from "@komu/shared";
import { meetingCardDefinition } from "@komu/shared/cards/meeting";
import type { AdaptiveCard } from "../../bot/activity.js";
import { renderCard } from "../../bot/cards/render.js";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";

export function whenText(m: Pick<MeetingRow, "startsAt" | "endsAt">): string {
  const start = new Date(m.startsAt);
  const end = new Date(m.endsAt);
  const sameDay = formatJst(start, "date") === formatJst(end, "date");
  return `${formatJst(start, "dateWithWeekday")} ${formatJst(start, "time")}〜${sameDay ? formatJst(end, "time") : formatJst(end, "dateTime")}`;
}

export function meetingCard(
  deps: Pick<MeetingsDeps, "openUrl">,
  row: StoredEntity<MeetingRow>,
  notice = "",
): AdaptiveCard {
  const m = row.data;
  return renderCard(meetingCardDefinition, {
    meetingId: row.id,
    schoolId: row.schoolId,
    typeLabel: MEETING_TYPE_LABELS[m.type].ja,
    title: m.title,
    whenText: whenText(m),
    place: m.place,
    chairName: m.chair.name,
    joinUrl: m.joinUrl ?? "",
    agenda: m.agenda.map((a, i) => ({
      no: `${i + 1}.`,
      title: a.title,
      presenter: a.presenterName,
      minutesText: `${a.minutes}分`,
    })),
    materialsText: m.materials.length > 0 ? `${m.materials.length} 件` : "",
    openUrl: deps.openUrl?.(row.schoolId, row.id) ?? "",
    notice,
  });
}
