/**
 * The route a draft would take if submitted now (the drafter's preview): the same resolution as
 * submission (roles → people through Graph, the drafter left out, named people checked), nothing
 * stored. Empty stages are reported, not refused.
 */
import {
  ensureCan,
  KomuError,
  type Principal,
  RouteEdits,
  type RouteEditsInput,
  type RoutePreviewView,
  type StageResolution,
} from "@komu/shared";
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
  return toPreview(await resolveRoute(deps.roles, row.data, template));
}

/** The same before any draft exists: a template and the drafter's edits (the tab's route picker). */
export async function previewTemplateRoute(
  deps: Pick<ApprovalsDeps, "storage" | "roles">,
  req: { schoolId: string; templateId: string; principal: Principal; edits: RouteEditsInput },
): Promise<RoutePreviewView> {
  ensureCan(req.principal, "document.draft", { schoolId: req.schoolId });
  const template = await findTemplate(deps.storage, req.schoolId, req.templateId);
  const drafter = { oid: req.principal.oid, name: req.principal.name };
  return toPreview(
    await resolveRoute(
      deps.roles,
      { schoolId: req.schoolId, drafter, routeEdits: RouteEdits.parse(req.edits) },
      template,
    ),
  );
}

function toPreview(stages: StageResolution[]): RoutePreviewView {
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
