/**
 * Outbox effect `surveys.remind` (dedupe key = the reminderId): each named staff / student
 * recipient who has still not answered gets the survey card again as a new message with a
 * 「リマインド」 notice, and their row records the reminder (lastReminderId, lastRemindedAt,
 * remindCount). Retry-safe: someone already marked with this reminderId is skipped, and so is
 * someone who answered meanwhile. Unreachable people are logged and skipped.
 */
import { z } from "zod";
import type { BotHandler } from "../../bot/index.js";
import type { EffectHandler } from "../../outbox/types.js";
import { surveyCardFor } from "../cards/render-for.js";
import { unreachable } from "../cards/send-effect.js";
import type { SurveysDeps } from "../deps.js";
import { recipientRowId, surveysRepos } from "../entities.js";
import { patchRecipient } from "../recipient-patch.js";
import { forEachLimit } from "../recipients.js";

export const SURVEYS_REMIND_EFFECT = "surveys.remind";
export const RemindPayload = z.object({
  surveyId: z.string().min(1).max(64),
  reminderId: z.string().min(1).max(64),
  keys: z.array(z.string().max(80)).max(5000),
});
export type RemindPayload = z.infer<typeof RemindPayload>;

export function surveysRemindHandler(deps: SurveysDeps, bot: Pick<BotHandler, "sendCardToUser">): EffectHandler {
  return async (raw, _attempt, info) => {
    const { surveyId, reminderId, keys } = RemindPayload.parse(raw);
    const repos = surveysRepos(deps.storage);
    const survey = await repos.surveys.get(info.schoolId, surveyId);
    if (survey?.data.status !== "open") return;
    await forEachLimit(keys, 8, async (key) => {
      if (info.signal.aborted) throw new Error("surveys.remind: attempt timed out (the rest on the next attempt)");
      const id = recipientRowId(surveyId, key);
      const r = await repos.recipients.get(info.schoolId, id);
      if (!r?.data.oid || r.data.submittedAt || r.data.lastReminderId === reminderId) return;
      const card = await surveyCardFor(deps, survey, r.data, { reminder: true });
      try {
        await bot.sendCardToUser(r.data.oid, card, {
          summary: `リマインド：${survey.data.title}`,
          notify: true,
        });
      } catch (e) {
        if (unreachable(e)) {
          deps.logger.warn("surveys.remind.unreachable", { surveyId, key });
          return;
        }
        throw e;
      }
      const at = new Date().toISOString();
      await patchRecipient(deps, info.schoolId, id, (row) =>
        row.lastReminderId === reminderId
          ? null
          : { ...row, lastReminderId: reminderId, lastRemindedAt: at, remindCount: row.remindCount + 1 },
      );
    });
  };
}
