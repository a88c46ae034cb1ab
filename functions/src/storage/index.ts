/**
 * Kōmu's storage layer over Azure Storage (Azurite locally):
 *  - `entities`: ETag-guarded repository, partitioned by school (entity-store.ts);
 *  - `idempotency`: idempotency keys with stored results (idempotency-store.ts) and
 *    `idempotencyMiddleware` for Hono;
 *  - `outbox`: durable side effects with retries and dead letters (../outbox);
 *  - `audit`: hash-chained audit log per school (../audit).
 * Tables and queues are created on first use; `tablePrefix` isolates tests.
 */
import { type AuditLog, createAuditLog } from "../audit/index.js";
import { createOutbox, type Outbox, type OutboxLogger, type OutboxOptions } from "../outbox/index.js";
import { createEntityStore, type EntityStore } from "./entity-store.js";
import { createIdempotencyStore, type IdempotencyOptions, type IdempotencyStore } from "./idempotency-store.js";
import { QUEUES, TABLES } from "./names.js";
import { createResources, type StorageResources } from "./resources.js";

export * from "./entity-store.js";
export { type IdempotencyMiddlewareOptions, idempotencyMiddleware } from "./idempotency-middleware.js";
export type {
  IdempotencyOptions,
  IdempotencyOutcome,
  IdempotencyStore,
  IdempotentResult,
} from "./idempotency-store.js";
export type { StorageResources } from "./resources.js";

export interface Storage {
  entities: EntityStore;
  idempotency: IdempotencyStore;
  outbox: Outbox;
  audit: AuditLog;
  /** Table/queue clients and names (for jobs, admin tools and tests). */
  resources: StorageResources;
  dispose(): Promise<void>;
}

export interface CreateStorageOptions {
  connectionString: string;
  /** Lowercase letters/digits, starting with a letter; prepended to every table and queue name. */
  tablePrefix?: string;
  clock?: () => Date;
  outbox?: OutboxOptions;
  idempotency?: IdempotencyOptions;
  logger?: OutboxLogger;
  /** Create every table and the queue now instead of on first use (default false). */
  eager?: boolean;
}

export async function createStorage(opts: CreateStorageOptions): Promise<Storage> {
  const clock = opts.clock ?? (() => new Date());
  const resources = createResources(opts.connectionString, opts.tablePrefix ?? "");
  const audit = createAuditLog(() => resources.table(TABLES.audit), clock);
  const storage: Storage = {
    entities: createEntityStore(() => resources.table(TABLES.entities), clock),
    idempotency: createIdempotencyStore(() => resources.table(TABLES.idempotency), clock, opts.idempotency),
    outbox: createOutbox({
      rows: () => resources.table(TABLES.outbox),
      deadLetters: () => resources.table(TABLES.deadLetters),
      queue: () => resources.queue(QUEUES.outbox),
      queueName: resources.queueName(QUEUES.outbox),
      clock,
      audit,
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.outbox ? { options: opts.outbox } : {}),
    }),
    audit,
    resources,
    async dispose() {
      // The SDK clients hold no sockets open between requests; nothing to close today.
    },
  };
  if (opts.eager) {
    await Promise.all([...Object.values(TABLES).map((t) => resources.table(t)), resources.queue(QUEUES.outbox)]);
  }
  return storage;
}
