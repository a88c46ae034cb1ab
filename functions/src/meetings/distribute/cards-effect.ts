/**
 * Outbox effect `meetings.cards` (payload {meetingId, distribution}; dedupe per distribution):
 * each attendee without the meeting card gets it in their 1:1 chat with Kōmu, 8 at a time; the
 * activity id is kept on their `meetingRead` row, so a retried effect or a re-distribution never
 * sends anyone a second card. Someone the bot cannot reach is logged and skipped; other failures
 * are thrown after everyone was tried (the outbox retries the rest).
 */
import { isKomuError } from "@komu/shared";
import { z } from "zod";
import type { BotHandler } from "../../bot/index.js";
import type { EffectHandler } from "../../outbox/types.js";
import { forEachLimit } from "../../surveys/recipients.js";
import type { MeetingsDeps } from "../deps.js";
import { meetingsRepos, readRowId } from "../entities.js";
import { meetingCard } from "./card.js";
import { patchReadRow } from "./read-rows.js";

export const MEETINGS_CARDS_EFFECT = "meetings.cards";
const Payload = z.object({ meetingId: z.string().min(1), distribution: z.number().int().nonnegative() });

export const unreachable = (e: unknown) => isKomuError(e) && e.code === "NOT_FOUND";

export function meetingCardsHandler(deps: MeetingsDeps, bot: Pick<BotHandler, "sendCardToUser">): EffectHandler {
  return async (raw, _attempt, info) => {
    const { meetingId } = Payload.parse(raw);
    const repos = meetingsRepos(deps.storage);
    const meeting = await repos.meetings.get(info.schoolId, meetingId);
    if (meeting?.data.status !== "distributed") return;
    const card = meetingCard(deps, meeting);
    await forEachLimit(meeting.data.attendees, 8, async (a) => {
      if (info.signal.aborted) throw new Error("meetings.cards: attempt timed out (the rest on the next attempt)");
      const row = await repos.reads.get(info.schoolId, readRowId(meetingId, a.oid));
      if (row?.data.cardActivityId) return;
      let sent: Awaited<ReturnType<BotHandler["sendCardToUser"]>>;
      try {
        sent = await bot.sendCardToUser(a.oid, card, { summary: `会議：${meeting.data.title}`, notify: true });
      } catch (e) {
        if (unreachable(e)) {
          deps.logger.warn("meetings.card.unreachable", { meetingId, oid: a.oid });
          return;
        }
        throw e;
      }
      await patchReadRow(deps, info.schoolId, meetingId, a, (r) => ({
        ...r,
        name: a.name,
        cardActivityId: sent.activityId,
        cardDistribution: meeting.data.distribution,
      }));
    });
  };
}
