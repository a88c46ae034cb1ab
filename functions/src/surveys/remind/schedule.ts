/**
 * Scheduled reminders (job `surveys-reminders`, hourly): an open survey whose `reminders.daysBefore`
 * day has come (08:00 JST that many days before the deadline's JST date) and is still ahead of the
 * deadline reminds its non-responders, once per day value: the value is recorded in
 * `scheduledRemindersSent` under the survey's ETag BEFORE the reminder is enqueued (a lost race
 * sends nothing twice; the reminder id is derived from survey and day, so the outbox dedupes too).
 */
import { isKomuError } from "@komu/shared";
import type { SurveysDeps } from "../deps.js";
import { listSurveyRows } from "../drafts/list-surveys.js";
import { surveysRepos } from "../entities.js";
import { sendReminder } from "./remind.js";

const JST_MS = 9 * 3600_000;

/** When the reminder `daysBefore` days ahead of `deadline` is due: 08:00 JST of that JST date. */
export function reminderDueAt(deadline: string, daysBefore: number): Date {
  const jst = new Date(Date.parse(deadline) + JST_MS);
  const day = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()) - daysBefore * 86_400_000;
  return new Date(day + 8 * 3600_000 - JST_MS);
}

export async function sendScheduledReminders(
  deps: SurveysDeps,
  schoolIds: readonly string[],
  now: Date,
): Promise<{ reminded: number }> {
  let reminded = 0;
  const repo = surveysRepos(deps.storage).surveys;
  for (const schoolId of schoolIds) {
    for (const survey of await listSurveyRows(deps, schoolId, { status: "open" })) {
      if (survey.data.status !== "open" || now.getTime() >= Date.parse(survey.data.deadline)) continue;
      const due = survey.data.reminders.daysBefore
        .filter((d) => !survey.data.scheduledRemindersSent.includes(d))
        .filter((d) => reminderDueAt(survey.data.deadline, d).getTime() <= now.getTime());
      if (due.length === 0) continue;
      let saved: typeof survey;
      try {
        saved = await repo.update(
          schoolId,
          survey.id,
          { ...survey.data, scheduledRemindersSent: [...survey.data.scheduledRemindersSent, ...due] },
          survey.etag,
        );
      } catch (e) {
        if (isKomuError(e) && e.code === "STALE_ETAG") continue; // changed meanwhile: the next run looks again
        throw e;
      }
      const day = Math.min(...due);
      await sendReminder(deps, saved, {
        reminderId: `r${survey.id}d${day}`.slice(0, 64),
        actor: { oid: "system", name: "Kōmu" },
        trigger: "schedule",
      });
      reminded++;
    }
  }
  return { reminded };
}
