/**
 * Registers Kōmu with the Azure Functions programming model (v4): one HTTP catch-all for the
 * Hono app, and each job definition as `app.timer` or `app.storageQueue`.
 */
import type {
  HttpHandler,
  HttpMethod,
  InvocationContext,
  StorageQueueHandler,
  Timer,
  TimerHandler,
} from "@azure/functions";
import { isTimerJob, type JobDefinition } from "../jobs/types.js";
import { createHttpHandler, type FetchApp } from "./http.js";

/** The slice of `@azure/functions`' `app` that Kōmu uses (tests pass a recorder). */
export interface FunctionsApp {
  http(
    name: string,
    options: { route: string; methods: HttpMethod[]; authLevel: "anonymous"; handler: HttpHandler },
  ): void;
  timer(name: string, options: { schedule: string; handler: TimerHandler; runOnStartup?: boolean }): void;
  storageQueue(name: string, options: { queueName: string; connection: string; handler: StorageQueueHandler }): void;
}

export interface RegisterOptions<D> {
  getApp: () => Promise<FetchApp>;
  jobs: readonly JobDefinition<D>[];
  getJobDeps: () => Promise<D>;
  /** Full queue name of a job's base queue (the table/queue prefix applied). */
  queueName: (base: string) => string;
  /** App setting holding the storage connection string. */
  connection: string;
}

export const HTTP_METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

export function registerAzureFunctions<D>(app: FunctionsApp, options: RegisterOptions<D>): void {
  app.http("api", {
    route: "{*path}",
    methods: HTTP_METHODS,
    authLevel: "anonymous",
    handler: createHttpHandler(options.getApp) as HttpHandler,
  });
  for (const job of options.jobs) {
    if (isTimerJob(job)) {
      app.timer(job.id, {
        schedule: job.schedule,
        handler: async (_timer: Timer, _context: InvocationContext) => {
          await job.handler(await options.getJobDeps(), { now: new Date() });
        },
      });
    } else {
      app.storageQueue(job.id, {
        queueName: options.queueName(job.queue),
        connection: options.connection,
        handler: async (payload: unknown, _context: InvocationContext) => {
          const checked = job.payloadSchema ? job.payloadSchema.parse(payload) : payload;
          await job.handler(await options.getJobDeps(), checked);
        },
      });
    }
  }
}
