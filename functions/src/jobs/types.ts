/**
 * Jobs as definition + handler. A timer job has an NCRONTAB `schedule` (the six-field format
 * Azure Functions' `app.timer` uses: second minute hour day month day-of-week); a queue job names
 * the `queue` it consumes (base name, without a test prefix) and may validate its payload.
 * Handlers receive their dependencies; they hold no state of their own.
 */
import type { ZodType } from "zod";
import type { ApprovalsDeps } from "../approvals/deps.js";
import type { MeetingsDeps } from "../meetings/deps.js";
import type { EffectHandlers } from "../outbox/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";
import type { QueueBase } from "../storage/names.js";
import type { SurveysDeps } from "../surveys/deps.js";

export interface JobLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface JobDeps {
  storage: Storage;
  /** What the outbox worker runs for each effect kind. */
  effectHandlers: EffectHandlers;
  logger: JobLogger;
  /** The town's schools, for jobs that visit every school's partition (absent: those jobs skip). */
  schools?: { list(): Promise<{ id: string }[]> };
  /** The records module (staged-upload sweep); absent where the host runs without it. */
  records?: RecordsDeps;
  /** The approvals module (reminders and expiry); absent where the host runs without it. */
  approvals?: ApprovalsDeps;
  /** The surveys module (scheduled reminders); absent where the host runs without it. */
  surveys?: SurveysDeps;
  /** The meetings module (sharing expiry of class I/II materials); absent where the host runs without it. */
  meetings?: MeetingsDeps;
}

export interface TimerJobDefinition<D = JobDeps> {
  id: string;
  schedule: string;
  queue?: undefined;
  payloadSchema?: undefined;
  handler(deps: D, input: { now: Date }): Promise<void>;
}

export interface QueueJobDefinition<D = JobDeps> {
  id: string;
  queue: QueueBase;
  schedule?: undefined;
  /** Checked before the handler runs; a payload that fails it goes to the poison queue. */
  payloadSchema?: ZodType;
  handler(deps: D, payload: unknown): Promise<void>;
}

export type JobDefinition<D = JobDeps> = TimerJobDefinition<D> | QueueJobDefinition<D>;

export const isTimerJob = <D>(d: JobDefinition<D>): d is TimerJobDefinition<D> => typeof d.schedule === "string";
