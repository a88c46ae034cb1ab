/**
 * Creates (no etag) or replaces (If-Match) a route template of a school, or of the board (`boe`:
 * shared with every school). Principals for their school, board staff and admins; audited as
 * entity.created / entity.updated with the changed fields.
 */
import { ensureCan, type Principal, RouteTemplateInput, type RouteTemplateView } from "@komu/shared";
import { diffChanges } from "@komu/shared/audit/events";
import type { Storage } from "../../storage/index.js";
import { approvalsRepos } from "../entities.js";
import { newTemplateId } from "../ids.js";
import { ensureDefaultTemplates } from "./ensure-defaults.js";
import { toTemplateView } from "./template-view.js";

export interface SaveTemplateRequest {
  schoolId: string;
  principal: Principal;
  input: RouteTemplateInput;
  /** Replace this template (with its ETag); absent: create a new one. */
  replace?: { templateId: string; etag: string };
}

export async function saveTemplate(
  deps: { storage: Pick<Storage, "entities" | "audit">; clock: () => Date },
  req: SaveTemplateRequest,
): Promise<RouteTemplateView> {
  ensureCan(req.principal, "approval.templates.manage", { schoolId: req.schoolId });
  const data = RouteTemplateInput.parse(req.input);
  const { templates } = approvalsRepos(deps.storage);
  const actor = { oid: req.principal.oid, name: req.principal.name };
  if (!req.replace) {
    const id = newTemplateId(deps.clock());
    const row = await templates.create(req.schoolId, id, data);
    await deps.storage.audit.append(req.schoolId, {
      kind: "entity.created",
      actor,
      target: { kind: "approvalTemplate", id },
      data: { snapshot: { name: data.name, stages: data.stages.map((s) => s.label) } },
    });
    return toTemplateView(row);
  }
  await ensureDefaultTemplates(deps.storage, req.schoolId);
  const before = await templates.require(req.schoolId, req.replace.templateId);
  const row = await templates.update(req.schoolId, req.replace.templateId, data, req.replace.etag);
  await deps.storage.audit.append(req.schoolId, {
    kind: "entity.updated",
    actor,
    target: { kind: "approvalTemplate", id: row.id },
    data: { changes: diffChanges(before.data, data) },
  });
  return toTemplateView(row);
}
