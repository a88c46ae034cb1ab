/**
 * Applies one state-machine transition to the stored approval exactly once: read the row, run the
 * pure function, replace the row with the ETag read. A concurrent change (STALE_ETAG) re-reads and
 * re-runs the machine, which then sees the other decision: a duplicate becomes
 * APPROVAL_ALREADY_DECIDED, a second member of a 合議 applies on top. Then the transition's audit
 * entries are appended and its effects (cards, notices, 決裁 filing) enqueued in the outbox.
 */
import { type Approval, isKomuError, KomuError, type Person, type Transition } from "@komu/shared";
import type { AuditEventInput } from "@komu/shared/audit/events";
import type { EffectHandler } from "../../outbox/types.js";
import type { StoredEntity } from "../../storage/index.js";
import type { ApprovalsDeps } from "../deps.js";
import { type ApprovalRow, approvalsRepos } from "../entities.js";
import { approvalOf } from "../view.js";
import { auditEntriesOf, type Via } from "./audit-events.js";

const MAX_ATTEMPTS = 12;

export interface Committed {
  row: StoredEntity<ApprovalRow>;
  before: Approval;
  transition: Transition;
  actor: Person;
  via: Via;
}

export interface CommitRequest {
  schoolId: string;
  approvalId: string;
  actor: Person;
  via: Via;
  /** The caller's If-Match, when it gave one: a different version is STALE_ETAG (no retry). */
  etag?: string;
  /** Checks access on the row read (throws to refuse). */
  authorize?: (approval: Approval) => void;
  run: (approval: Approval) => Transition;
}

export async function commitTransition(
  deps: Pick<ApprovalsDeps, "storage" | "clock" | "logger"> & { publish?: (c: Committed) => Promise<void> },
  req: CommitRequest,
): Promise<Committed> {
  const repo = approvalsRepos(deps.storage).approvals;
  for (let attempt = 1; ; attempt++) {
    const row = await repo.get(req.schoolId, req.approvalId);
    if (!row) throw new KomuError("NOT_FOUND", { details: { kind: "approval", id: req.approvalId } });
    const before = approvalOf(row);
    req.authorize?.(before);
    if (req.etag !== undefined && req.etag !== row.etag)
      throw new KomuError("STALE_ETAG", { details: { kind: "approval", id: req.approvalId } });
    const transition = req.run(before);
    if (transition.approval === before) return { row, before, transition, actor: req.actor, via: req.via };
    let saved: StoredEntity<ApprovalRow>;
    try {
      saved = await repo.update(
        req.schoolId,
        req.approvalId,
        { ...row.data, ...transition.approval, drafterOid: transition.approval.drafter.oid },
        row.etag,
      );
    } catch (e) {
      if (isKomuError(e) && e.code === "STALE_ETAG" && req.etag === undefined && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
        continue;
      }
      throw e;
    }
    const committed = { row: saved, before, transition, actor: req.actor, via: req.via };
    await appendOrDefer(
      deps,
      req.schoolId,
      committed,
      auditEntriesOf(before, transition.approval, transition.events, req.actor, req.via),
    );
    await deps.publish?.(committed);
    return committed;
  }
}

export const APPROVALS_AUDIT_EFFECT = "approvals.audit";

/**
 * The transition is committed: its audit entries must not be lost if the audit table fails now.
 * Appended inline; whatever could not be appended goes to the outbox effect `approvals.audit`
 * (dedupe = the approval's new version), which appends it later.
 */
export async function appendOrDefer(
  deps: Pick<ApprovalsDeps, "storage" | "logger">,
  schoolId: string,
  committed: Committed,
  entries: AuditEventInput[],
): Promise<void> {
  for (const [i, entry] of entries.entries()) {
    try {
      await deps.storage.audit.append(schoolId, entry);
    } catch (e) {
      deps.logger.warn("approvals.audit.deferred", { approvalId: committed.row.id, error: String(e) });
      await deps.storage.outbox.enqueue({
        kind: APPROVALS_AUDIT_EFFECT,
        schoolId,
        payload: { entries: entries.slice(i) },
        dedupeKey: `${committed.row.id}:${committed.row.etag}:audit`,
      });
      return;
    }
  }
}

/** Handler of `approvals.audit`: appends the deferred entries (at least once). */
export function approvalsAuditHandler(deps: Pick<ApprovalsDeps, "storage">): EffectHandler {
  return async (raw, _attempt, info) => {
    const { entries } = raw as { entries: AuditEventInput[] };
    for (const entry of entries) await deps.storage.audit.append(info.schoolId, entry);
  };
}
