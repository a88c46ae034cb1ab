/**
 * Conversation references in Azure Tables (`<prefix>BotConversations`, PartitionKey = tenant id,
 * RowKey = the user's Entra object id). Optimistic concurrency with the entity ETag.
 * Also an in-memory implementation with the same semantics (tests, tools).
 */
import { TableClient, type TableEntityResult } from "@azure/data-tables";
import { KomuError } from "@komu/shared";
import type { ConversationReference, ConversationStore } from "./types.js";

export function conversationTableName(prefix = ""): string {
  return `${prefix}BotConversations`;
}

interface RefEntity {
  partitionKey: string;
  rowKey: string;
  userId?: string;
  userName?: string;
  conversationId: string;
  serviceUrl: string;
  botId: string;
  welcomeActivityId?: string;
  welcomeAcknowledgedAt?: string;
  updatedAt?: string;
}

export function createTableConversationStore(options: {
  connectionString?: string;
  client?: TableClient;
  tablePrefix?: string;
  tenantId: string;
  now?: () => Date;
}): ConversationStore {
  const now = options.now ?? (() => new Date());
  const client =
    options.client ??
    TableClient.fromConnectionString(required(options.connectionString), conversationTableName(options.tablePrefix), {
      allowInsecureConnection: /http:\/\/|UseDevelopmentStorage=true/i.test(options.connectionString ?? ""),
    });
  let ready: Promise<void> | undefined;
  const ensureTable = () => {
    ready ??= client.createTable().catch((e: unknown) => {
      ready = undefined;
      if ((e as { statusCode?: number }).statusCode === 409) return;
      throw e;
    });
    return ready;
  };

  const toRef = (e: TableEntityResult<RefEntity>): ConversationReference => ({
    tenantId: e.partitionKey ?? options.tenantId,
    aadObjectId: e.rowKey ?? "",
    ...(e.userId ? { userId: e.userId } : {}),
    ...(e.userName ? { userName: e.userName } : {}),
    conversationId: e.conversationId,
    serviceUrl: e.serviceUrl,
    botId: e.botId,
    ...(e.welcomeActivityId ? { welcomeActivityId: e.welcomeActivityId } : {}),
    ...(e.welcomeAcknowledgedAt ? { welcomeAcknowledgedAt: e.welcomeAcknowledgedAt } : {}),
    ...(e.updatedAt ? { updatedAt: e.updatedAt } : {}),
    etag: e.etag,
  });

  return {
    async get(aadObjectId) {
      await ensureTable();
      try {
        return toRef(await client.getEntity<RefEntity>(options.tenantId, aadObjectId));
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode === 404) return undefined;
        throw e;
      }
    },
    async put(ref) {
      await ensureTable();
      const entity: RefEntity = {
        partitionKey: options.tenantId,
        rowKey: ref.aadObjectId,
        ...(ref.userId ? { userId: ref.userId } : {}),
        conversationId: ref.conversationId,
        serviceUrl: ref.serviceUrl,
        botId: ref.botId,
        updatedAt: now().toISOString(),
        ...(ref.userName ? { userName: ref.userName } : {}),
        ...(ref.welcomeActivityId ? { welcomeActivityId: ref.welcomeActivityId } : {}),
        ...(ref.welcomeAcknowledgedAt ? { welcomeAcknowledgedAt: ref.welcomeAcknowledgedAt } : {}),
      };
      try {
        const res = ref.etag
          ? await client.updateEntity(entity, "Replace", { etag: ref.etag })
          : await client.upsertEntity(entity, "Replace");
        return {
          ...ref,
          tenantId: options.tenantId,
          updatedAt: entity.updatedAt,
          ...(res.etag ? { etag: res.etag } : {}),
        };
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode;
        if (status === 412 || status === 404) throw new KomuError("STALE_ETAG", { cause: e });
        throw e;
      }
    },
  };
}

export function createMemoryConversationStore(
  tenantId: string,
): ConversationStore & { all(): ConversationReference[] } {
  const rows = new Map<string, ConversationReference>();
  let version = 0;
  return {
    async get(aadObjectId) {
      const r = rows.get(aadObjectId);
      return r ? { ...r } : undefined;
    },
    async put(ref) {
      const current = rows.get(ref.aadObjectId);
      if (ref.etag && current?.etag !== ref.etag) throw new KomuError("STALE_ETAG");
      const stored = { ...ref, tenantId, etag: `W/"${++version}"` };
      rows.set(ref.aadObjectId, stored);
      return { ...stored };
    },
    all() {
      return [...rows.values()];
    },
  };
}

function required(v: string | undefined): string {
  if (!v) throw new KomuError("CONFIGURATION_INVALID", { details: { missing: "connectionString" } });
  return v;
}
