/**
 * The typed audit events of Kōmu: a zod discriminated union on `kind`, each with its own `data`.
 * Every event names who (actor), when (UTC ISO `at`), what (target kind + id) and, for changes,
 * `{ field: { from, to } }`. The audit log (functions/src/audit) stores these in a hash chain.
 */
import { z } from "zod";

export const auditActorSchema = z.object({
  /** Entra object id, or "system" for Kōmu itself. */
  oid: z.string().min(1).max(128),
  name: z.string().max(256),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditTargetSchema = z.object({
  kind: z.string().min(1).max(64),
  id: z.string().min(1).max(256),
});
export type AuditTarget = z.infer<typeof auditTargetSchema>;

export const fieldChangeSchema = z.object({ from: z.unknown(), to: z.unknown() });
export const changesSchema = z.record(z.string(), fieldChangeSchema);
export type Changes = z.infer<typeof changesSchema>;

const base = {
  /** Set by the audit log when appended. */
  id: z.string().min(1).max(64),
  at: z.iso.datetime({ offset: false }),
  actor: auditActorSchema,
  target: auditTargetSchema,
};

const brokenLinkSchema = z.object({
  seq: z.number().int().positive(),
  id: z.string().nullable(),
  reason: z.enum(["hash mismatch", "prevHash mismatch", "gap"]),
});

/** What a roster import (名簿の取り込み) did to one table (matched/unmatched: students ↔ Entra accounts). */
const rosterCountsSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  deactivated: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative().optional(),
  unmatched: z.number().int().nonnegative().optional(),
});

export const auditEventSchema = z.discriminatedUnion("kind", [
  z.object({
    ...base,
    kind: z.literal("auth.denied"),
    data: z.object({
      capability: z.string(),
      reason: z.string().optional(),
      method: z.string().optional(),
      path: z.string().optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("entity.created"),
    data: z.object({ snapshot: z.record(z.string(), z.unknown()).optional() }),
  }),
  z.object({
    ...base,
    kind: z.literal("entity.updated"),
    data: z.object({ changes: changesSchema }),
  }),
  z.object({
    ...base,
    kind: z.literal("entity.deleted"),
    data: z.object({ snapshot: z.record(z.string(), z.unknown()).optional() }),
  }),
  z.object({
    ...base,
    kind: z.literal("outbox.deadLettered"),
    data: z.object({
      effectKind: z.string(),
      attempts: z.number().int().nonnegative(),
      lastError: z.string(),
      firstAttemptAt: z.string().optional(),
      lastAttemptAt: z.string().optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("outbox.replayed"),
    data: z.object({ effectKind: z.string(), previousAttempts: z.number().int().nonnegative() }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.filed"),
    data: z.object({
      title: z.string(),
      fileName: z.string(),
      sha256: z.string(),
      size: z.number().int().nonnegative(),
      fiscalYear: z.number().int(),
      categoryCode: z.string(),
      classification: z.string(),
      retentionUntil: z.string(),
      number: z.string().optional(),
      version: z.number().int().positive().optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.filingFailed"),
    data: z.object({ reason: z.string(), number: z.string().optional() }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.viewed"),
    data: z.object({
      classification: z.string(),
      how: z.enum(["metadata", "content", "versions", "list", "register", "export"]),
      /** For list, register and export reads: the class I/II items shown (one event per page). */
      ids: z.array(z.string().max(64)).max(1000).optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.numberAssigned"),
    data: z.object({
      register: z.string(),
      fiscalYear: z.number().int(),
      serial: z.number().int(),
      number: z.string(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.numberVoided"),
    data: z.object({
      register: z.string(),
      fiscalYear: z.number().int(),
      serial: z.number().int(),
      reason: z.string(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.disposalProposed"),
    data: z.object({ fiscalYear: z.number().int(), count: z.number().int().nonnegative() }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.disposalDecided"),
    data: z.object({
      decision: z.enum(["approve", "reject"]),
      count: z.number().int().nonnegative(),
      comment: z.string().optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.disposed"),
    data: z.object({
      disposalId: z.string(),
      title: z.string(),
      sha256: z.string(),
      approvedBy: z.object({ oid: z.string(), name: z.string() }),
      approvedAt: z.string(),
      retentionUntil: z.string(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("records.configChanged"),
    data: z.object({ what: z.enum(["filePlan", "settings", "provisioned"]), changes: changesSchema.optional() }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.created"),
    data: z.object({ title: z.string(), templateId: z.string(), classification: z.string() }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.submitted"),
    data: z.object({
      round: z.number().int().positive(),
      resubmission: z.boolean(),
      sha256: z.string(),
      route: z.array(z.object({ stageId: z.string(), people: z.array(z.string()) })),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.viewed"),
    data: z.object({ stageId: z.string(), via: z.enum(["card", "tab"]) }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.decided"),
    data: z.object({
      stageId: z.string(),
      decision: z.enum(["approve", "reject"]),
      comment: z.string().optional(),
      via: z.enum(["card", "tab"]),
      status: z.object({ from: z.string(), to: z.string() }),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.returned"),
    data: z.object({ stageId: z.string(), to: z.string(), comment: z.string(), via: z.enum(["card", "tab"]) }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.withdrawn"),
    data: z.object({ round: z.number().int().nonnegative(), comment: z.string().optional() }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.delegated"),
    data: z.object({
      stageId: z.string(),
      onBehalfOf: z.array(z.object({ oid: z.string(), name: z.string() })),
      comment: z.string().optional(),
      via: z.enum(["card", "tab"]),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.reviewed"),
    data: z.object({ stageId: z.string() }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.refused"),
    data: z.object({ code: z.string(), action: z.string(), via: z.enum(["card", "tab"]) }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.expired"),
    data: z.object({ round: z.number().int().nonnegative() }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.sealed"),
    data: z.object({
      sha256Original: z.string(),
      sha256Sealed: z.string(),
      seals: z.number().int().nonnegative(),
      verificationCode: z.string().optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("approval.filed"),
    data: z.object({ recordId: z.string(), number: z.string().optional() }),
  }),
  z.object({
    ...base,
    kind: z.literal("roster.imported"),
    data: z.object({
      source: z.enum(["api", "seed"]),
      students: rosterCountsSchema.optional(),
      guardians: rosterCountsSchema.optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("survey.created"),
    data: z.object({
      title: z.string(),
      audience: z.string(),
      anonymous: z.boolean(),
      source: z.enum(["komu", "forms"]),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("survey.changed"),
    data: z.object({
      what: z.enum(["definition", "opened", "closed", "deadline", "deleted"]),
      recipients: z.number().int().nonnegative().optional(),
      changes: changesSchema.optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("survey.reminded"),
    data: z.object({
      reminderId: z.string(),
      recipients: z.number().int().nonnegative(),
      trigger: z.enum(["manual", "schedule"]),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("survey.linkIssued"),
    data: z.object({ recipientKey: z.string(), version: z.number().int().nonnegative() }),
  }),
  z.object({
    ...base,
    kind: z.literal("survey.exported"),
    data: z.object({
      format: z.enum(["csv", "xlsx", "archive"]),
      responses: z.number().int().nonnegative(),
      recordId: z.string().optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("survey.formsSynced"),
    data: z.object({
      added: z.number().int().nonnegative(),
      unmatched: z.number().int().nonnegative(),
      lastRowId: z.number().int().nonnegative(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("meeting.created"),
    data: z.object({ title: z.string(), type: z.string(), startsAt: z.string() }),
  }),
  z.object({
    ...base,
    kind: z.literal("meeting.changed"),
    data: z.object({
      what: z.enum(["details", "cancelled", "minutes", "actionItem", "sharingRemoved", "filed"]),
      changes: changesSchema.optional(),
      recordIds: z.array(z.string()).optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("meeting.distributed"),
    data: z.object({
      attendees: z.number().int().nonnegative(),
      materials: z.number().int().nonnegative(),
      permissionOperations: z.number().int().nonnegative(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("meeting.material"),
    data: z.object({
      action: z.enum(["added", "replaced", "viewed"]),
      materialId: z.string(),
      version: z.number().int().positive(),
      sha256: z.string().optional(),
      classification: z.string().optional(),
    }),
  }),
  z.object({
    ...base,
    kind: z.literal("meeting.minutesSubmitted"),
    data: z.object({ approvalId: z.string(), sha256: z.string() }),
  }),
  z.object({
    ...base,
    kind: z.literal("admin.auditVerified"),
    data: z.object({
      ok: z.boolean(),
      checked: z.number().int().nonnegative(),
      firstBroken: brokenLinkSchema.optional(),
    }),
  }),
]);

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEventKind = AuditEvent["kind"];
export const AUDIT_EVENT_KINDS = auditEventSchema.options.map((o) => o.shape.kind.value) as AuditEventKind[];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What callers append: `id` is assigned by the log, `at` defaults to the log's clock. */
export type AuditEventInput = DistributiveOmit<AuditEvent, "id" | "at"> & { at?: string };

/**
 * The `{ field: { from, to } }` map between two versions of an object (top-level fields, compared
 * by their JSON). Fields listed in `ignore` (e.g. updatedAt) are left out.
 */
export function diffChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[] = [],
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    if (ignore.includes(key)) continue;
    const from = before[key];
    const to = after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}
