/**
 * 起案 → 回付: the drafter sends a draft (or a returned / withdrawn approval: 再起案) up its route
 * with If-Match. Roles are resolved to people first (Graph), then the machine's `submit` is
 * committed with the ETag; audited as approval.submitted; the first approvers' cards follow
 * through the outbox.
 */
import { ensureCan, KomuError, type Principal, submit } from "@komu/shared";
import { type Committed, commitTransition } from "../decide/commit-transition.js";
import type { ApprovalsDeps } from "../deps.js";
import { approvalsRepos } from "../entities.js";
import { findTemplate } from "../templates/find-template.js";
import { resolveRoute } from "./resolve-route.js";

export async function submitApproval(
  deps: ApprovalsDeps,
  req: { schoolId: string; approvalId: string; principal: Principal; etag: string },
): Promise<Committed> {
  const { schoolId, principal } = req;
  ensureCan(principal, "document.draft", { schoolId });
  const row = await approvalsRepos(deps.storage).approvals.get(schoolId, req.approvalId);
  if (!row || row.data.drafter.oid !== principal.oid)
    throw new KomuError("NOT_FOUND", { details: { kind: "approval", id: req.approvalId } });
  const template = await findTemplate(deps.storage, schoolId, row.data.templateId);
  const stages = await resolveRoute(deps.roles, row.data, template);
  const actor = { oid: principal.oid, name: principal.name };
  return commitTransition(deps, {
    schoolId,
    approvalId: req.approvalId,
    actor,
    via: "tab",
    etag: req.etag,
    run: (approval) => submit(approval, stages, actor, deps.clock().toISOString()),
  });
}
