/**
 * Kōmu's background jobs. In Azure they are registered with `app.timer` / `app.storageQueue`
 * (functions/src/azure/index.ts); locally `startLocalJobs` drives the same definitions.
 *
 *  - outbox-worker (queue komu-outbox): delivers one outbox effect per message; a retry becomes a
 *    new delayed message, so the Functions host's own retry/poison handling is only a backstop.
 *  - outbox-sweeper (every 5 min): re-sends effects whose message was lost; purges old done rows.
 *  - idempotency-sweep (hourly): deletes idempotency keys older than 24 h.
 *  - records-disposal (daily 00:30 JST): approved 廃棄予定一覧 whose records' retention has passed
 *    are queued for deletion (records/disposal/job.ts).
 *  - records-upload-sweep (hourly): staged record uploads older than 24 h are deleted (blob + row).
 *  - approvals-reminders (hourly at :23): reminders to whoever's turn it is, expiry of approvals
 *    not decided in time, with hard caps (approvals/reminders/).
 *  - surveys-reminders (hourly at :07): open surveys whose reminder day (N days before the
 *    deadline, 08:00 JST) has come remind their non-responders once (surveys/remind/schedule.ts).
 *  - meetings-sharing-expiry (daily 01:10 JST): class I/II materials of meetings that ended
 *    `confidentialSharingDays` ago lose the 取扱注意 folder's permissions (meetings/after/).
 */
import { approvalsRemindersJob } from "../approvals/reminders/job.js";
import { meetingsSharingExpiryJob } from "../meetings/after/job.js";
import { outboxMessageSchema } from "../outbox/types.js";
import { disposalJob } from "../records/disposal/job.js";
import { sweepUploads } from "../records/staging/sweep-uploads.js";
import { QUEUES } from "../storage/names.js";
import { sendScheduledReminders } from "../surveys/remind/schedule.js";
import type { JobDefinition, JobDeps, QueueJobDefinition, TimerJobDefinition } from "./types.js";

export const outboxWorkerJob: QueueJobDefinition<JobDeps> = {
  id: "outbox-worker",
  queue: QUEUES.outbox,
  payloadSchema: outboxMessageSchema,
  async handler(deps, payload) {
    const decision = await deps.storage.outbox.handleQueueItem(payload, deps.effectHandlers);
    if (decision && decision.outcome !== "delivered" && decision.outcome !== "skipped") {
      deps.logger.info("outbox effect", {
        outcome: decision.outcome,
        ...(decision.action === "retryLater" ? { delaySeconds: decision.delaySeconds } : {}),
      });
    }
  },
};

export const outboxSweeperJob: TimerJobDefinition<JobDeps> = {
  id: "outbox-sweeper",
  schedule: "0 */5 * * * *",
  async handler(deps, { now }) {
    const r = await deps.storage.outbox.sweep(now);
    if (r.requeued || r.purged) deps.logger.info("outbox sweep", { ...r });
  },
};

export const idempotencySweepJob: TimerJobDefinition<JobDeps> = {
  id: "idempotency-sweep",
  schedule: "0 17 * * * *",
  async handler(deps, { now }) {
    const deleted = await deps.storage.idempotency.sweepExpired(now);
    if (deleted) deps.logger.info("idempotency sweep", { deleted });
  },
};

export const recordsUploadSweepJob: TimerJobDefinition<JobDeps> = {
  id: "records-upload-sweep",
  schedule: "0 41 * * * *",
  async handler(deps, { now }) {
    if (!deps.records) return;
    const r = await sweepUploads(deps.records, now);
    if (r.deleted || r.kept) deps.logger.info("records upload sweep", { ...r });
  },
};

export const surveysRemindersJob: TimerJobDefinition<JobDeps> = {
  id: "surveys-reminders",
  schedule: "0 7 * * * *",
  async handler(deps, { now }) {
    if (!deps.surveys || !deps.schools) return;
    const schools = (await deps.schools.list()).map((s) => s.id);
    const r = await sendScheduledReminders(deps.surveys, schools, now);
    if (r.reminded) deps.logger.info("surveys reminders", { ...r });
  },
};

export const jobDefinitions: readonly JobDefinition<JobDeps>[] = [
  outboxWorkerJob,
  outboxSweeperJob,
  idempotencySweepJob,
  disposalJob,
  recordsUploadSweepJob,
  approvalsRemindersJob,
  surveysRemindersJob,
  meetingsSharingExpiryJob,
];
