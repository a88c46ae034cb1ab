/**
 * Lazily created tables and queues of one storage account. The first use of a table or queue
 * creates it (idempotent: "already exists" is fine); later uses reuse the same client.
 */
import { TableClient } from "@azure/data-tables";
import { QueueClient } from "@azure/storage-queue";
import { asciiJsonPolicy } from "./azurite-compat.js";
import { checkPrefix, type PoisonQueue, type QueueBase, queueName, type TableBase, tableName } from "./names.js";
import { isConflict } from "./rest-errors.js";

export interface StorageResources {
  readonly prefix: string;
  table(base: TableBase): Promise<TableClient>;
  queue(base: QueueBase | PoisonQueue): Promise<QueueClient>;
  tableName(base: TableBase): string;
  queueName(base: QueueBase | PoisonQueue): string;
}

export function createResources(connectionString: string, prefix = ""): StorageResources {
  checkPrefix(prefix);
  const insecure = /DefaultEndpointsProtocol=http;|Endpoint=http:\/\/|UseDevelopmentStorage=true/i.test(
    connectionString,
  );
  const tables = new Map<string, Promise<TableClient>>();
  const queues = new Map<string, Promise<QueueClient>>();

  return {
    prefix,
    tableName: (base) => tableName(prefix, base),
    queueName: (base) => queueName(prefix, base),
    table(base) {
      const name = tableName(prefix, base);
      let p = tables.get(name);
      if (!p) {
        p = (async () => {
          const client = TableClient.fromConnectionString(connectionString, name, {
            allowInsecureConnection: insecure,
          });
          if (insecure) client.pipeline.addPolicy(asciiJsonPolicy);
          try {
            await client.createTable();
          } catch (e) {
            if (!isConflict(e)) throw e;
          }
          return client;
        })();
        p.catch(() => tables.delete(name));
        tables.set(name, p);
      }
      return p;
    },
    queue(base) {
      const name = queueName(prefix, base);
      let p = queues.get(name);
      if (!p) {
        p = (async () => {
          const client = new QueueClient(connectionString, name);
          await client.createIfNotExists();
          return client;
        })();
        p.catch(() => queues.delete(name));
        queues.set(name, p);
      }
      return p;
    },
  };
}
