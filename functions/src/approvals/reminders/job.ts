/** Timer job `approvals-reminders` (hourly at :23): reminders and expiry, see sweep-reminders.ts. */
import type { JobDeps, TimerJobDefinition } from "../../jobs/types.js";
import { sweepReminders } from "./sweep-reminders.js";

export const approvalsRemindersJob: TimerJobDefinition<JobDeps> = {
  id: "approvals-reminders",
  schedule: "0 23 * * * *",
  async handler(deps, { now }) {
    if (!deps.approvals || !deps.schools) return;
    const schools = (await deps.schools.list()).map((s) => s.id);
    const r = await sweepReminders(deps.approvals, schools, now);
    if (r.reminded || r.expired || r.capped) deps.logger.info("approvals reminders", { ...r });
  },
};
