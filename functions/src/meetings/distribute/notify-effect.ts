/**
 * Outbox effect `meetings.notify` (payload {meetingId, materialId, version}; dedupe per version):
 * each attendee gets the meeting card with 「資料『…』が更新されました（第n版）: <changeNote>」.
 * `<materialId>@<version>` is remembered on their read row, so a retry sends nobody a second one.
 */
import { z } from "zod";
import type { BotHandler } from "../../bot/index.js";
import type { EffectHandler } from "../../outbox/types.js";
import { forEachLimit } from "../../surveys/recipients.js";
import type { MeetingsDeps } from "../deps.js";
import { meetingsRepos, readRowId } from "../entities.js";
import { meetingCard } from "./card.js";
import { unreachable } from "./cards-effect.js";
import { patchReadRow } from "./read-rows.js";

export const MEETINGS_NOTIFY_EFFECT = "meetings.notify";
const Payload = z.object({
  meetingId: z.string().min(1),
  materialId: z.string().min(1),
  version: z.number().int().positive(),
});

export const updateNotice = (title: string, version: number, changeNote: string) =>
  `資料『${title}』が更新されました（第${version}版）${changeNote ? `: ${changeNote}` : ""}`;

export function meetingNotifyHandler(deps: MeetingsDeps, bot: Pick<BotHandler, "sendCardToUser">): EffectHandler {
  return async (raw, _attempt, info) => {
    const { meetingId, materialId, version } = Payload.parse(raw);
    const repos = meetingsRepos(deps.storage);
    const meeting = await repos.meetings.get(info.schoolId, meetingId);
    const material = meeting?.data.materials.find((m) => m.id === materialId);
    if (meeting?.data.status !== "distributed" || !material || material.version !== version) return;
    const key = `${materialId}@${version}`;
    const notice = updateNotice(material.title, version, material.changeNote);
    const card = meetingCard(deps, meeting, notice);
    await forEachLimit(meeting.data.attendees, 8, async (a) => {
      if (info.signal.aborted) throw new Error("meetings.notify: attempt timed out");
      const row = await repos.reads.get(info.schoolId, readRowId(meetingId, a.oid));
      if (row?.data.updatesSent.includes(key)) return;
      try {
        await bot.sendCardToUser(a.oid, card, { summary: notice, notify: true });
      } catch (e) {
        if (unreachable(e)) return;
        throw e;
      }
      await patchReadRow(deps, info.schoolId, meetingId, a, (r) => ({
        ...r,
        updatesSent: [...r.updatesSent, key].slice(-200),
      }));
    });
  };
}
