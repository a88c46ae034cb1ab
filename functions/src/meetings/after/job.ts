/** Timer job `meetings-sharing-expiry` (daily 01:10 JST): see sharing-expiry.ts. */
import type { JobDeps, TimerJobDefinition } from "../../jobs/types.js";
import { runSharingExpiry, SHARING_EXPIRY_SCHEDULE } from "./sharing-expiry.js";

export const meetingsSharingExpiryJob: TimerJobDefinition<JobDeps> = {
  id: "meetings-sharing-expiry",
  schedule: SHARING_EXPIRY_SCHEDULE,
  async handler(deps, { now }) {
    if (!deps.meetings || !deps.schools) return;
    const schools = (await deps.schools.list()).map((s) => s.id);
    const r = await runSharingExpiry(deps.meetings, schools, now);
    if (r.meetings) deps.logger.info("meetings sharing expiry", { ...r });
  },
};
