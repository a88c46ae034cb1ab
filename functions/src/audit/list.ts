/** Reads a school's events in chain order, a page at a time. */
import type { TableClient } from "@azure/data-tables";
import type { AuditEvent } from "@komu/shared/audit/events";
import { decodeJson, type Props } from "../storage/codec.js";
import { checkSchoolId } from "../storage/keys.js";
import { EVENT, eventRowKey } from "./chain.js";

export interface AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
  event: AuditEvent;
}

export interface AuditListOptions {
  /** First seq to return (default 1). */
  fromSeq?: number;
  /** Page size 1–1000 (default 100). */
  limit?: number;
  continuationToken?: string;
}

export async function listEvents(
  table: TableClient,
  schoolId: string,
  opts: AuditListOptions = {},
): Promise<{ items: AuditRecord[]; continuationToken?: string }> {
  checkSchoolId(schoolId);
  const from = eventRowKey(Math.max(1, Math.trunc(opts.fromSeq ?? 1)));
  const filter = `PartitionKey eq '${schoolId}' and RowKey ge '${from}' and RowKey lt 'f'`;
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 100), 1), 1000);
  const pages = table
    .listEntities<Props>({ queryOptions: { filter } })
    .byPage({ maxPageSize: limit, ...(opts.continuationToken ? { continuationToken: opts.continuationToken } : {}) });
  const first = await pages.next();
  if (first.done || !first.value) return { items: [] };
  const items = first.value.map((row) => ({
    seq: row.seq as number,
    prevHash: row.prevHash as string,
    hash: row.hash as string,
    event: decodeJson(EVENT, row) as AuditEvent,
  }));
  return first.value.continuationToken ? { items, continuationToken: first.value.continuationToken } : { items };
}
