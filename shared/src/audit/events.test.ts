import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_KINDS, auditEventSchema, diffChanges } from "./events.js";

describe("audit events", () => {
  it("lists every kind and validates per-kind data", () => {
    expect(AUDIT_EVENT_KINDS).toEqual([
      "auth.denied",
      "entity.created",
      "entity.updated",
      "entity.deleted",
      "outbox.deadLettered",
      "outbox.replayed",
      "records.filed",
      "records.filingFailed",
      "records.viewed",
      "records.numberAssigned",
      "records.numberVoided",
      "records.disposalProposed",
      "records.disposalDecided",
      "records.disposed",
      "records.configChanged",
      "approval.created",
      "approval.submitted",
      "approval.viewed",
      "approval.decided",
      "approval.returned",
      "approval.withdrawn",
      "approval.delegated",
      "approval.reviewed",
      "approval.refused",
      "approval.expired",
      "approval.sealed",
      "approval.filed",
      "roster.imported",
      "survey.created",
      "survey.changed",
      "survey.reminded",
      "survey.linkIssued",
      "survey.exported",
      "survey.formsSynced",
      "meeting.created",
      "meeting.changed",
      "meeting.distributed",
      "meeting.material",
      "meeting.minutesSubmitted",
      "admin.auditVerified",
    ]);
    const base = {
      id: "e1",
      at: "2026-11-25T00:00:00.000Z",
      actor: { oid: "u", name: "n" },
      target: { kind: "notice", id: "n1" },
    };
    expect(
      auditEventSchema.safeParse({ ...base, kind: "entity.updated", data: { changes: { a: { from: 1, to: 2 } } } })
        .success,
    ).toBe(true);
    expect(auditEventSchema.safeParse({ ...base, kind: "entity.updated", data: {} }).success).toBe(false);
    expect(auditEventSchema.safeParse({ ...base, kind: "no.such", data: {} }).success).toBe(false);
    expect(
      auditEventSchema.safeParse({ ...base, at: "2026-11-25T09:00:00+09:00", kind: "entity.created", data: {} })
        .success,
    ).toBe(false);
  });

  it("diffs top-level fields as { from, to }", () => {
    expect(diffChanges({ a: 1, b: "x", c: [1], u: 1 }, { a: 1, b: "y", c: [1, 2], d: true, u: 2 }, ["u"])).toEqual({
      b: { from: "x", to: "y" },
      c: { from: [1], to: [1, 2] },
      d: { from: null, to: true },
    });
  });
});
