/**
 * The route a draft would take if submitted now (the drafter's preview): the same resolution as
 * submission (roles → people through Graph, the drafter left out, named people checked), nothing
 * stored. Empty stages are reported, not refused.
 */
import { ensureCan, KomuError, type Principal, type RoutePreviewView } from "@komu/shared";
import type { ApprovalsDeps } from "../deps.js";
import { approvalsRepos } from "../entities.js";
import { findTemplate } from "../templates/find-template.js";
import { resolveRoute } from "./resolve-route.js";

export async function previewRoute(
  deps: Pick<ApprovalsDeps, "storage" | "roles">,
  req: { schoolId: string; approvalId: string; principal: Principal },
): Promise<RoutePreviewView> {
  ensureCan(req.principal, "document.draft", { schoolId: req.schoolId });
  const row = await approvalsRepos(deps.storage).approvals.get(req.schoolId, req.approvalId);
  if (!row || row.data.drafter.oid !== req.principal.oid)
    throw new KomuError("NOT_FOUND", { details: { kind: "approval", id: req.approvalId } });
  const template = await findTemplate(deps.storage, req.schoolId, row.data.templateId);
  const stages = await resolveRoute(deps.roles, row.data, template);
  return {
    stages: stages.map((s) => ({
      id: s.id,
      kind: s.kind,
      label: s.label,
      rule: s.rule,
      people: s.people,
      deputies: s.deputies,
      empty: s.people.length === 0,
    })),
  };
}
