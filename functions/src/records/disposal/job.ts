/**
 * Timer job `records-disposal` (daily, 00:30 JST = 15:30 UTC): moves every approved 廃棄予定一覧 of
 * every school forward (dispatch.ts): records whose retention has passed since the approval are
 * queued for deletion; lists with nothing left open are completed. Also repairs a dispatch lost
 * between a decision and its effect.
 */
import type { JobLogger, TimerJobDefinition } from "../../jobs/types.js";
import type { Storage } from "../../storage/index.js";
import { listAll } from "../../storage/list-all.js";
import { disposalEntity } from "../entities.js";
import { dispatchDisposal } from "./dispatch.js";

export interface DisposalJobDeps {
  storage: Storage;
  logger: JobLogger;
  /** The town's schools (the job visits each school's partition). */
  schools?: { list(): Promise<{ id: string }[]> };
}

export const DISPOSAL_JOB_SCHEDULE = "0 30 15 * * *";

export async function runDisposalJob(deps: DisposalJobDeps, now: Date) {
  if (!deps.schools) {
    deps.logger.warn("records-disposal: no school directory in the job's deps; nothing done");
    return { schools: 0, disposals: 0, enqueued: 0 };
  }
  const totals = { schools: 0, disposals: 0, enqueued: 0 };
  for (const school of await deps.schools.list()) {
    totals.schools++;
    const approved = await listAll(deps.storage.entities.repo(disposalEntity), school.id, {
      where: { status: "approved" },
    });
    for (const d of approved) {
      try {
        const r = await dispatchDisposal(deps, school.id, d.id, now);
        totals.disposals++;
        totals.enqueued += r.enqueued;
      } catch (error) {
        deps.logger.error("records-disposal: dispatch failed", {
          schoolId: school.id,
          disposalId: d.id,
          error: String(error),
        });
      }
    }
  }
  return totals;
}

export const disposalJob: TimerJobDefinition<DisposalJobDeps> = {
  id: "records-disposal",
  schedule: DISPOSAL_JOB_SCHEDULE,
  async handler(deps, { now }) {
    const totals = await runDisposalJob(deps, now);
    if (totals.enqueued) deps.logger.info("records-disposal", { ...totals });
  },
};
