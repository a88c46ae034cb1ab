/**
 * A generic, ETag-guarded repository over one Azure Table (`komuEntities`).
 *
 * Layout: one table for every kind. PartitionKey = schoolId (everything of a school lives in one
 * partition, so a school's list is a single-partition range query); RowKey = `<kind>:<id>`.
 * The value is zod-validated JSON split over `d0…dN` (see codec.ts); fields named in `indexes`
 * are also copied to native columns `x_<field>` so `list({ where })` can filter on the server.
 *
 * Concurrency: every update and delete carries the ETag the caller read (never "*"). A 412 from the service
 * becomes KomuError("STALE_ETAG") and nothing is written; creating an existing id is CONFLICT.
 * "merge" updates read the row, check the ETag, merge shallowly and replace with the same ETag,
 * so a merge is as safe as a replace.
 */
import type { TableClient, TableEntityResult, TransactionAction } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { KomuError } from "@komu/shared";
import { z } from "zod";
import { decodeJson, encodeJson, type Props } from "./codec.js";
import { checkEntityId, checkField, checkKind, checkSchoolId } from "./keys.js";
import { etagOf, isConflict, isNotFound, isPreconditionFailed } from "./rest-errors.js";

export type IndexValue = string | number | boolean;

export interface EntityDefinition<T> {
  readonly kind: string;
  readonly schema: z.ZodType<T>;
  /** Top-level fields (string/number/boolean values) copied to filterable columns. */
  readonly indexes: readonly string[];
}

export function defineEntity<S extends z.ZodType<Record<string, unknown>>>(def: {
  kind: string;
  schema: S;
  indexes?: readonly (keyof z.output<S> & string)[];
}): EntityDefinition<z.output<S>> {
  checkKind(def.kind);
  for (const f of def.indexes ?? []) checkField(f);
  return { kind: def.kind, schema: def.schema as unknown as z.ZodType<z.output<S>>, indexes: def.indexes ?? [] };
}

export interface StoredEntity<T> {
  kind: string;
  schoolId: string;
  id: string;
  etag: string;
  /** UTC ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  data: T;
}

export interface ListOptions {
  /** Page size, 1–1000 (default 100). A page may hold fewer items and still have a token. */
  limit?: number;
  continuationToken?: string;
  /** Equality filters on indexed fields. */
  where?: Record<string, IndexValue>;
  /** Only ids starting with this (e.g. `<surveyId>.` for the rows of one survey). */
  idPrefix?: string;
}

export interface Page<T> {
  items: StoredEntity<T>[];
  continuationToken?: string;
}

export type UpdateMode = "replace" | "merge";

export interface EntityRepo<T> {
  readonly kind: string;
  get(schoolId: string, id: string): Promise<StoredEntity<T> | null>;
  /** Like get, but NOT_FOUND when missing. */
  require(schoolId: string, id: string): Promise<StoredEntity<T>>;
  list(schoolId: string, opts?: ListOptions): Promise<Page<T>>;
  create(schoolId: string, id: string, data: T): Promise<StoredEntity<T>>;
  update(schoolId: string, id: string, data: T, etag: string): Promise<StoredEntity<T>>;
  update(
    schoolId: string,
    id: string,
    data: Partial<T>,
    etag: string,
    opts: { mode: "merge" },
  ): Promise<StoredEntity<T>>;
  update(
    schoolId: string,
    id: string,
    data: T | Partial<T>,
    etag: string,
    opts?: { mode?: UpdateMode },
  ): Promise<StoredEntity<T>>;
  delete(schoolId: string, id: string, etag: string): Promise<void>;
}

/** The untyped face (kind as a string); kinds registered with `repo(def)` are validated. */
export interface EntityStore {
  repo<T>(def: EntityDefinition<T>): EntityRepo<T>;
  get(kind: string, schoolId: string, id: string): Promise<StoredEntity<unknown> | null>;
  list(kind: string, schoolId: string, opts?: ListOptions): Promise<Page<unknown>>;
  create(kind: string, schoolId: string, id: string, data: unknown): Promise<StoredEntity<unknown>>;
  update(
    kind: string,
    schoolId: string,
    id: string,
    data: unknown,
    etag: string,
    opts?: { mode?: UpdateMode },
  ): Promise<StoredEntity<unknown>>;
  delete(kind: string, schoolId: string, id: string, etag: string): Promise<void>;
  /**
   * Several writes in one school's partition that happen all or not at all (an Azure Table
   * transaction, at most 100 actions): a stale ETag anywhere is `STALE_ETAG`, an existing id
   * `CONFLICT`, and nothing is written. Returns each write's new ETag.
   */
  transaction(schoolId: string, actions: readonly TransactionWrite[]): Promise<string[]>;
}

/** One write of `EntityStore.transaction`. A replace passes the ETag and createdAt it read. */
export type TransactionWrite =
  // biome-ignore lint/suspicious/noExplicitAny: a transaction mixes entity kinds
  | { type: "create"; def: EntityDefinition<any>; id: string; data: unknown }
  // biome-ignore lint/suspicious/noExplicitAny: a transaction mixes entity kinds
  | { type: "replace"; def: EntityDefinition<any>; id: string; data: unknown; etag: string; createdAt: string };

const DATA = "d";
const MAX_PAGE = 1000;

/**
 * The caller's ETag, required on every update and delete. "*" (match anything) would turn the
 * conditional write into an unconditional one, so it is refused like a missing ETag.
 */
function requireEtag(etag: string): string {
  if (typeof etag !== "string" || etag.trim() === "" || etag.trim() === "*") {
    throw new KomuError("PRECONDITION_REQUIRED", {
      details: { reason: 'an ETag read from the item is required; "*" is not accepted' },
    });
  }
  return etag;
}

function validate<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    throw new KomuError("VALIDATION_FAILED", {
      details: {
        issues: r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: i.code })),
      },
    });
  }
  return r.data;
}

const staleError = (kind: string, id: string, cause: unknown) =>
  new KomuError("STALE_ETAG", { details: { kind, id }, cause });
const notFoundError = (kind: string, id: string, cause?: unknown) =>
  new KomuError("NOT_FOUND", { details: { kind, id }, cause });

export function createEntityStore(getTable: () => Promise<TableClient>, clock: () => Date): EntityStore {
  const registry = new Map<string, EntityDefinition<unknown>>();
  /** kind → how its rows are made (validated), for transactions. */
  const rowMakers = new Map<
    string,
    (
      schoolId: string,
      id: string,
      data: unknown,
      createdAt: string,
      updatedAt: string,
    ) => Props & {
      partitionKey: string;
      rowKey: string;
    }
  >();

  const anyDef = (kind: string): EntityDefinition<unknown> => {
    const known = registry.get(kind);
    if (known) return known;
    checkKind(kind);
    return { kind, schema: jsonObject, indexes: [] };
  };

  function makeRepo<T>(def: EntityDefinition<T>): EntityRepo<T> {
    const rowKey = (id: string) => `${def.kind}:${checkEntityId(id)}`;

    const toRow = (schoolId: string, id: string, data: T, createdAt: string, updatedAt: string) => {
      const row: Props & { partitionKey: string; rowKey: string } = {
        partitionKey: checkSchoolId(schoolId),
        rowKey: rowKey(id),
        kind: def.kind,
        id,
        createdAt,
        updatedAt,
        ...encodeJson(DATA, data),
      };
      for (const field of def.indexes) {
        const v = (data as Record<string, unknown>)[field];
        if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") row[`x_${field}`] = v;
      }
      return row;
    };

    const fromRow = (row: TableEntityResult<Props>): StoredEntity<T> => {
      const raw = decodeJson(DATA, row);
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        throw new KomuError("INTERNAL", {
          details: { reason: "stored entity does not match its schema", kind: def.kind, id: row.id },
          cause: parsed.error,
        });
      }
      return {
        kind: def.kind,
        schoolId: row.partitionKey as string,
        id: row.id as string,
        etag: row.etag,
        createdAt: row.createdAt as string,
        updatedAt: row.updatedAt as string,
        data: parsed.data,
      };
    };

    const readRow = async (schoolId: string, id: string): Promise<TableEntityResult<Props> | null> => {
      const table = await getTable();
      try {
        return await table.getEntity<Props>(checkSchoolId(schoolId), rowKey(id));
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    };

    rowMakers.set(def.kind, (schoolId, id, data, createdAt, updatedAt) =>
      toRow(schoolId, id, validate(def.schema, data), createdAt, updatedAt),
    );

    const repo: EntityRepo<T> = {
      kind: def.kind,

      async get(schoolId, id) {
        const row = await readRow(schoolId, id);
        return row ? fromRow(row) : null;
      },

      async require(schoolId, id) {
        const found = await repo.get(schoolId, id);
        if (!found) throw notFoundError(def.kind, id);
        return found;
      },

      async list(schoolId, opts = {}) {
        const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 100), 1), MAX_PAGE);
        const prefix = opts.idPrefix ?? "";
        const upper = prefix ? `${def.kind}:${prefix}\uffff` : `${def.kind};`;
        let filter = odata`PartitionKey eq ${checkSchoolId(schoolId)} and RowKey ge ${`${def.kind}:${prefix}`} and RowKey lt ${upper}`;
        for (const [field, value] of Object.entries(opts.where ?? {})) {
          if (!def.indexes.includes(field)) {
            throw new KomuError("VALIDATION_FAILED", {
              details: { reason: `"${field}" is not an indexed field of ${def.kind}` },
            });
          }
          filter += ` and x_${checkField(field)} eq ${literal(value)}`;
        }
        const table = await getTable();
        const pages = table.listEntities<Props>({ queryOptions: { filter } }).byPage({
          maxPageSize: limit,
          ...(opts.continuationToken ? { continuationToken: opts.continuationToken } : {}),
        });
        const first = await pages.next();
        if (first.done || !first.value) return { items: [] };
        const page = first.value;
        const items = page.map((row) => fromRow(row));
        return page.continuationToken ? { items, continuationToken: page.continuationToken } : { items };
      },

      async create(schoolId, id, data) {
        const valid = validate(def.schema, data);
        const now = clock().toISOString();
        const row = toRow(schoolId, id, valid, now, now);
        const table = await getTable();
        try {
          const res = await table.createEntity(row);
          return { kind: def.kind, schoolId, id, etag: etagOf(res), createdAt: now, updatedAt: now, data: valid };
        } catch (e) {
          if (isConflict(e)) {
            throw new KomuError("CONFLICT", {
              details: { kind: def.kind, id, reason: "already exists" },
              message: { ja: "同じ ID のデータがすでに存在します。", en: "An item with this id already exists." },
              cause: e,
            });
          }
          throw e;
        }
      },

      async update(schoolId: string, id: string, data: T | Partial<T>, etag: string, opts: { mode?: UpdateMode } = {}) {
        requireEtag(etag);
        let next: unknown = data;
        let createdAt: string | undefined;
        if (opts.mode === "merge") {
          const current = await readRow(schoolId, id);
          if (!current) throw notFoundError(def.kind, id);
          if (current.etag !== etag) throw staleError(def.kind, id, undefined);
          next = { ...(fromRow(current).data as object), ...(data as object) };
          createdAt = current.createdAt as string;
        }
        const valid = validate(def.schema, next);
        if (createdAt === undefined) {
          // Keep createdAt: read it cheaply only when needed (replace mode).
          const current = await readRow(schoolId, id);
          if (!current) throw notFoundError(def.kind, id);
          if (current.etag !== etag) throw staleError(def.kind, id, undefined);
          createdAt = current.createdAt as string;
        }
        const now = clock().toISOString();
        const row = toRow(schoolId, id, valid, createdAt, now);
        const table = await getTable();
        try {
          // The service checks the ETag again: a writer between our read and this write loses here.
          const res = await table.updateEntity(row, "Replace", { etag });
          return { kind: def.kind, schoolId, id, etag: etagOf(res), createdAt, updatedAt: now, data: valid };
        } catch (e) {
          if (isPreconditionFailed(e)) throw staleError(def.kind, id, e);
          if (isNotFound(e)) throw notFoundError(def.kind, id, e);
          throw e;
        }
      },

      async delete(schoolId, id, etag) {
        requireEtag(etag);
        const table = await getTable();
        try {
          await table.deleteEntity(checkSchoolId(schoolId), rowKey(id), { etag });
        } catch (e) {
          if (isPreconditionFailed(e)) throw staleError(def.kind, id, e);
          if (isNotFound(e)) throw notFoundError(def.kind, id, e);
          throw e;
        }
      },
    };
    return repo;
  }

  const repos = new Map<string, EntityRepo<unknown>>();
  const repoFor = (kind: string): EntityRepo<unknown> => {
    let r = repos.get(kind);
    if (!r) {
      r = makeRepo(anyDef(kind));
      repos.set(kind, r);
    }
    return r;
  };

  const store: EntityStore = {
    repo<T>(def: EntityDefinition<T>): EntityRepo<T> {
      const existing = registry.get(def.kind);
      if (existing && existing !== (def as EntityDefinition<unknown>)) {
        throw new Error(`entity kind "${def.kind}" is already registered with another definition`);
      }
      registry.set(def.kind, def as EntityDefinition<unknown>);
      repos.delete(def.kind);
      return repoFor(def.kind) as EntityRepo<T>;
    },
    get: (kind, schoolId, id) => repoFor(kind).get(schoolId, id),
    list: (kind, schoolId, opts) => repoFor(kind).list(schoolId, opts),
    create: (kind, schoolId, id, data) => repoFor(kind).create(schoolId, id, data),
    update: (kind, schoolId, id, data, etag, opts) => repoFor(kind).update(schoolId, id, data, etag, opts ?? {}),
    delete: (kind, schoolId, id, etag) => repoFor(kind).delete(schoolId, id, etag),
    async transaction(schoolId, writes) {
      if (writes.length === 0) return [];
      if (writes.length > 100)
        throw new KomuError("PAYLOAD_TOO_LARGE", { details: { reason: "a transaction holds at most 100 writes" } });
      const now = clock().toISOString();
      const actions: TransactionAction[] = writes.map((w) => {
        if (registry.get(w.def.kind) !== w.def) store.repo(w.def);
        const make = rowMakers.get(w.def.kind);
        if (!make) throw new Error(`entity kind "${w.def.kind}" has no row maker`);
        if (w.type === "create") return ["create", make(schoolId, w.id, w.data, now, now)];
        return ["update", make(schoolId, w.id, w.data, w.createdAt, now), "Replace", { etag: requireEtag(w.etag) }];
      });
      const table = await getTable();
      try {
        const res = await table.submitTransaction(actions);
        return res.subResponses.map((r) => r.etag ?? "");
      } catch (e) {
        const failed = writes[0] as TransactionWrite;
        if (isPreconditionFailed(e)) throw staleError(failed.def.kind, failed.id, e);
        if (isConflict(e))
          throw new KomuError("CONFLICT", {
            details: { reason: "already exists" },
            message: { ja: "同じ ID のデータがすでに存在します。", en: "An item with this id already exists." },
            cause: e,
          });
        if (isNotFound(e)) throw notFoundError(failed.def.kind, failed.id, e);
        throw e;
      }
    },
  };
  return store;
}

const jsonObject: z.ZodType<unknown> = z.record(z.string(), z.unknown());

/** An OData literal for an equality filter on a native column. */
function literal(v: IndexValue): string {
  if (typeof v === "string") return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (!Number.isFinite(v))
    throw new KomuError("VALIDATION_FAILED", { details: { reason: "filter value must be finite" } });
  return String(v);
}
