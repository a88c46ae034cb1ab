/**
 * The append-only, hash-chained audit log of each school. See chain.ts for the layout,
 * append.ts for how concurrent appends stay on one chain and verify.ts for what is detected.
 */
import type { TableClient } from "@azure/data-tables";
import type { AuditEventInput } from "@komu/shared/audit/events";
import { type AppendedEvent, appendEvent } from "./append.js";
import { type AuditListOptions, type AuditRecord, listEvents } from "./list.js";
import { type VerifyResult, verifyChain } from "./verify.js";

export type { AppendedEvent } from "./append.js";
export type { AuditListOptions, AuditRecord } from "./list.js";
export type { BrokenReason, VerifyResult } from "./verify.js";

export interface AuditLog {
  append(schoolId: string, event: AuditEventInput): Promise<AppendedEvent>;
  list(schoolId: string, opts?: AuditListOptions): Promise<{ items: AuditRecord[]; continuationToken?: string }>;
  verify(schoolId: string): Promise<VerifyResult>;
}

export function createAuditLog(getTable: () => Promise<TableClient>, clock: () => Date): AuditLog {
  return {
    append: async (schoolId, event) => appendEvent(await getTable(), clock, schoolId, event),
    list: async (schoolId, opts) => listEvents(await getTable(), schoolId, opts),
    verify: async (schoolId) => verifyChain(await getTable(), schoolId),
  };
}
