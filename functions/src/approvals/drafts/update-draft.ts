/**
 * Edits a draft (起案中, 差し戻し or 引戻し) with If-Match: only the drafter, only the fields given.
 * Changing the template re-checks the route edits; a new main document replaces the old one.
 * Audited as entity.updated with the changed fields.
 */
import { DraftUpdateInput, ensureCan, KomuError, type Principal } from "@komu/shared";
import { diffChanges } from "@komu/shared/audit/events";
import type { StoredEntity } from "../../storage/index.js";
import { isEditable } from "../access.js";
import type { ApprovalsDeps } from "../deps.js";
import { type ApprovalRow, approvalsRepos } from "../entities.js";
import { approvalOf } from "../view.js";
import { attachFiles, checkCategory, checkTemplate } from "./draft-fields.js";

export async function updateDraft(
  deps: Pick<ApprovalsDeps, "storage" | "records" | "clock">,
  req: { schoolId: string; approvalId: string; principal: Principal; input: DraftUpdateInput; etag: string },
): Promise<StoredEntity<ApprovalRow>> {
  const { schoolId, principal } = req;
  ensureCan(principal, "document.draft", { schoolId });
  const input = DraftUpdateInput.parse(req.input);
  const repo = approvalsRepos(deps.storage).approvals;
  const row = await repo.get(schoolId, req.approvalId);
  if (!row || row.data.drafter.oid !== principal.oid)
    throw new KomuError("NOT_FOUND", { details: { kind: "approval", id: req.approvalId } });
  if (row.etag !== req.etag) throw new KomuError("STALE_ETAG", { details: { kind: "approval", id: req.approvalId } });
  if (!isEditable(row.data)) throw new KomuError("APPROVAL_NOT_PENDING", { details: { status: row.data.status } });
  const before = approvalOf(row);
  const next = { ...row.data };
  if (input.templateId !== undefined || input.routeEdits !== undefined) {
    const template = await checkTemplate(
      deps,
      schoolId,
      input.templateId ?? before.templateId,
      input.routeEdits ?? before.routeEdits,
    );
    Object.assign(next, {
      templateId: template.id,
      templateName: template.name,
      routeEdits: input.routeEdits ?? before.routeEdits,
      reminders: template.reminders,
      expiresAfterDays: template.expiresAfterDays,
      numberRegister: template.numberRegister,
    });
  }
  if (input.categoryCode !== undefined || input.classification !== undefined) {
    next.categoryCode = input.categoryCode ?? before.categoryCode;
    next.classification = await checkCategory(deps, schoolId, next.categoryCode, input.classification);
  }
  if (
    input.mainUploadId !== undefined ||
    input.attachmentUploadIds !== undefined ||
    input.pageImageUploadIds !== undefined
  ) {
    const files = await attachFiles(
      deps,
      { schoolId, approvalId: before.id, drafterOid: principal.oid },
      input.mainUploadId === undefined ? (before.main?.uploadId ?? null) : input.mainUploadId,
      input.attachmentUploadIds ?? before.attachments.map((a) => a.uploadId),
      input.pageImageUploadIds ?? [],
    );
    next.main = files.main;
    next.attachments = files.attachments;
  }
  if (input.title !== undefined) next.title = input.title;
  if (input.summary !== undefined) next.summary = input.summary;
  if (input.dueDate !== undefined) next.dueDate = input.dueDate;
  next.updatedAt = deps.clock().toISOString();
  const saved = await repo.update(schoolId, req.approvalId, next, req.etag);
  const changes = diffChanges(before, approvalOf(saved), ["updatedAt", "history"]);
  if (Object.keys(changes).length > 0)
    await deps.storage.audit.append(schoolId, {
      kind: "entity.updated",
      actor: { oid: principal.oid, name: principal.name },
      target: { kind: "approval", id: req.approvalId },
      data: { changes },
    });
  return saved;
}
