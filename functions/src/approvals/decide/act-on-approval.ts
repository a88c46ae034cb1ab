/**
 * Every action on a submitted approval, from the tab (API) or a card (bot): 承認, 差し戻し, 却下,
 * 代決, 引戻し, 後閲, view. Exactly once through commitTransition. Access: staff of the school;
 * someone who may not see the approval is refused like someone not on its route. A refusal for
 * being off the route or out of turn is audited (approval.refused) and rethrown.
 */
import { type ApprovalAction, decide, ensureCan, isKomuError, KomuError, type Principal } from "@komu/shared";
import { canSee } from "../access.js";
import type { ApprovalsDeps } from "../deps.js";
import type { Via } from "./audit-events.js";
import { type Committed, commitTransition } from "./commit-transition.js";

const AUDITED_REFUSALS = new Set(["APPROVAL_NOT_ON_ROUTE", "APPROVAL_OUT_OF_TURN"]);

export async function actOnApproval(
  deps: ApprovalsDeps,
  req: { schoolId: string; approvalId: string; principal: Principal; action: ApprovalAction; via: Via; etag?: string },
): Promise<Committed> {
  const { schoolId, principal, action } = req;
  ensureCan(principal, "approval.participate", { schoolId });
  const actor = { oid: principal.oid, name: principal.name };
  const decision = "stepToken" in action;
  try {
    return await commitTransition(deps, {
      schoolId,
      approvalId: req.approvalId,
      actor,
      via: req.via,
      ...(req.etag ? { etag: req.etag } : {}),
      authorize: (approval) => {
        if (canSee(principal, approval)) return;
        if (decision) throw new KomuError("APPROVAL_NOT_ON_ROUTE");
        throw new KomuError("NOT_FOUND", { details: { kind: "approval", id: approval.id } });
      },
      run: (approval) => decide(approval, action, actor, deps.clock().toISOString()),
    });
  } catch (e) {
    if (isKomuError(e) && AUDITED_REFUSALS.has(e.code))
      await deps.storage.audit
        .append(schoolId, {
          kind: "approval.refused",
          actor,
          target: { kind: "approval", id: req.approvalId },
          data: { code: e.code, action: action.type, via: req.via },
        })
        .catch((auditError) => deps.logger.warn("approvals.refusal.audit.failed", { error: String(auditError) }));
    throw e;
  }
}
