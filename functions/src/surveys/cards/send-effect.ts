/**
 * Outbox effect `surveys.cards` (one per opened survey, dedupe `<surveyId>:open`): each staff /
 * student recipient gets their card in their 1:1 chat with Kōmu (the bot's proactive send), 8 at a
 * time; the activity id is stored on the recipient row (`cardActivityId`), so a retry of the
 * effect never sends a card twice. Someone the bot cannot reach (never installed Kōmu, no
 * proactive service URL) is logged and skipped; other failures are thrown at the end (after every
 * recipient was tried) and the outbox retries the rest later. Guardians get no card (their links).
 */
import { isKomuError } from "@komu/shared";
import { z } from "zod";
import type { BotHandler } from "../../bot/index.js";
import type { EffectHandler } from "../../outbox/types.js";
import type { SurveysDeps } from "../deps.js";
import { surveysRepos } from "../entities.js";
import { patchRecipient } from "../recipient-patch.js";
import { forEachLimit, listRecipients } from "../recipients.js";
import { surveyCardFor } from "./render-for.js";

export const SURVEYS_CARDS_EFFECT = "surveys.cards";
export const CardsPayload = z.object({ surveyId: z.string().min(1).max(64) });

export const unreachable = (e: unknown) => isKomuError(e) && e.code === "NOT_FOUND";

export function surveysCardsHandler(deps: SurveysDeps, bot: Pick<BotHandler, "sendCardToUser">): EffectHandler {
  return async (raw, _attempt, info) => {
    const { surveyId } = CardsPayload.parse(raw);
    const survey = await surveysRepos(deps.storage).surveys.get(info.schoolId, surveyId);
    if (survey?.data.status !== "open") return;
    const pending = (await listRecipients(deps, info.schoolId, surveyId)).filter(
      (r) => r.data.oid && r.data.kind !== "guardian" && !r.data.cardActivityId,
    );
    await forEachLimit(pending, 8, async (r) => {
      if (info.signal.aborted) throw new Error("surveys.cards: attempt timed out (the rest on the next attempt)");
      const card = await surveyCardFor(deps, survey, r.data);
      let sent: Awaited<ReturnType<BotHandler["sendCardToUser"]>>;
      try {
        sent = await bot.sendCardToUser(r.data.oid as string, card, {
          summary: `アンケート：${survey.data.title}`,
          notify: true,
        });
      } catch (e) {
        if (unreachable(e)) {
          deps.logger.warn("surveys.card.unreachable", { surveyId, key: r.data.key });
          return;
        }
        throw e;
      }
      await patchRecipient(deps, info.schoolId, r.id, (row) => ({ ...row, cardActivityId: sent.activityId }));
    });
  };
}
