/**
 * The append-only, hash-chained audit log of each school. See chain.ts for the layout,
 * append.ts for how concurrent appends stay on one chain and verify.ts for what is detected.
 */
import type { TableClient } from "@azure/data-tables";
import type { AuditActor, AuditEventInput } from "@komu/shared/audit/events";
import { type AppendedEvent, appendEvent } from "./append.js";
import { type AuditListOptions, type AuditRecord, listEvents } from "./list.js";
import { type VerifyResult, verifyChain } from "./verify.js";

export type { AppendedEvent } from "./append.js";
export type { AuditListOptions, AuditRecord } from "./list.js";
export type { BrokenReason, VerifyResult } from "./verify.js";

export interface AuditLog {
  append(schoolId: string, event: AuditEventInput): Promise<AppendedEvent>;
  list(schoolId: string, opts?: AuditListOptions): Promise<{ items: AuditRecord[]; continuationToken?: string }>;
  /**
   * Recomputes the chain. With `recordBy`, an `admin.auditVerified` event with the outcome is
   * appended afterwards (the result describes the chain as it was before that event).
   */
  verify(schoolId: string, opts?: { recordBy?: AuditActor }): Promise<VerifyResult>;
}

export function createAuditLog(getTable: () => Promise<TableClient>, clock: () => Date): AuditLog {
  return {
    append: async (schoolId, event) => appendEvent(await getTable(), clock, schoolId, event),
    list: async (schoolId, opts) => listEvents(await getTable(), schoolId, opts),
    verify: async (schoolId, opts = {}) => {
      const table = await getTable();
      const result = await verifyChain(table, schoolId);
      if (opts.recordBy) {
        await appendEvent(table, clock, schoolId, {
          kind: "admin.auditVerified",
          actor: opts.recordBy,
          target: { kind: "auditLog", id: schoolId },
          data: {
            ok: result.ok,
            checked: result.checked,
            ...(result.firstBroken ? { firstBroken: result.firstBroken } : {}),
          },
        });
      }
      return result;
    },
  };
}
