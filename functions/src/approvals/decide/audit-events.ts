/** The audit entries of one transition (approval.* kinds of shared/src/audit/events.ts). */
import type { Approval, ApprovalEvent, Person } from "@komu/shared";
import type { AuditEventInput } from "@komu/shared/audit/events";

export type Via = "card" | "tab";

export function auditEntriesOf(
  before: Approval,
  after: Approval,
  events: readonly ApprovalEvent[],
  actor: Person,
  via: Via,
): AuditEventInput[] {
  const target = { kind: "approval", id: after.id };
  const base = { actor: { oid: actor.oid, name: actor.name }, target };
  const out: AuditEventInput[] = [];
  for (const e of events) {
    switch (e.type) {
      case "submitted":
        out.push({
          ...base,
          kind: "approval.submitted",
          data: {
            round: e.round,
            resubmission: e.resubmission,
            sha256: after.main?.sha256 ?? "",
            route: after.route.map((s) => ({ stageId: s.id, people: s.assignees.map((a) => a.oid) })),
          },
        });
        break;
      case "decided":
        if (e.decision === "return") break; // the "returned" event below says where to
        out.push({
          ...base,
          kind: "approval.decided",
          data: {
            stageId: e.stageId,
            decision: e.decision,
            ...(e.comment ? { comment: e.comment } : {}),
            via,
            status: { from: before.status, to: after.status },
          },
        });
        break;
      case "returned": {
        const stageId = events.find((x) => x.type === "decided")?.stageId ?? "";
        out.push({ ...base, kind: "approval.returned", data: { stageId, to: e.to, comment: e.comment, via } });
        break;
      }
      case "delegated":
        out.push({
          ...base,
          kind: "approval.delegated",
          data: { stageId: e.stageId, onBehalfOf: e.absent, ...(e.comment ? { comment: e.comment } : {}), via },
        });
        break;
      case "withdrawn": {
        const comment = after.history.at(-1)?.comment;
        out.push({
          ...base,
          kind: "approval.withdrawn",
          data: { round: after.round, ...(comment ? { comment } : {}) },
        });
        break;
      }
      case "viewed":
        out.push({ ...base, kind: "approval.viewed", data: { stageId: e.stageId, via } });
        break;
      case "reviewed":
        out.push({ ...base, kind: "approval.reviewed", data: { stageId: e.stageId } });
        break;
      case "expired":
        out.push({ ...base, kind: "approval.expired", data: { round: after.round } });
        break;
      default:
        break;
    }
  }
  return out;
}
