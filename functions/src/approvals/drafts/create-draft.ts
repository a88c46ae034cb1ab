/**
 * 起案 (new draft): checks the template and edits, the category and the files, then stores the
 * approval in status `draft` (nothing is sent) and audits approval.created.
 */
import { type Approval, DraftCreateInput, ensureCan, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { ApprovalsDeps } from "../deps.js";
import { type ApprovalRow, approvalsRepos } from "../entities.js";
import { newApprovalId } from "../ids.js";
import { attachFiles, checkCategory, checkTemplate } from "./draft-fields.js";

export async function createDraft(
  deps: Pick<ApprovalsDeps, "storage" | "records" | "clock">,
  req: { schoolId: string; principal: Principal; input: DraftCreateInput },
): Promise<StoredEntity<ApprovalRow>> {
  const { schoolId, principal } = req;
  ensureCan(principal, "document.draft", { schoolId });
  const input = DraftCreateInput.parse(req.input);
  const template = await checkTemplate(deps, schoolId, input.templateId, input.routeEdits);
  const classification = await checkCategory(deps, schoolId, input.categoryCode, input.classification);
  const now = deps.clock();
  const id = newApprovalId(now);
  const drafter = { oid: principal.oid, name: principal.name };
  const files = await attachFiles(
    deps,
    { schoolId, approvalId: id, drafterOid: principal.oid },
    input.mainUploadId ?? null,
    input.attachmentUploadIds,
    input.pageImageUploadIds,
  );
  const at = now.toISOString();
  const approval: Approval = {
    id,
    schoolId,
    title: input.title,
    summary: input.summary,
    categoryCode: input.categoryCode,
    classification,
    dueDate: input.dueDate ?? null,
    drafter,
    templateId: template.id,
    templateName: template.name,
    routeEdits: input.routeEdits,
    main: files.main,
    attachments: files.attachments,
    status: "draft",
    round: 0,
    stepSeq: 0,
    route: [],
    history: [{ at, actor: drafter, action: "created", round: 0, stageId: null, comment: null }],
    reminders: template.reminders,
    remindersSent: 0,
    lastReminderAt: null,
    expiresAfterDays: template.expiresAfterDays,
    numberRegister: template.numberRegister,
    filing: { status: "none", recordId: null, number: null, error: null, verificationCode: null, sealedSha256: null },
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    completedAt: null,
  };
  const row = await approvalsRepos(deps.storage).approvals.create(schoolId, id, {
    ...approval,
    drafterOid: drafter.oid,
  });
  await deps.storage.audit.append(schoolId, {
    kind: "approval.created",
    actor: drafter,
    target: { kind: "approval", id },
    data: { title: approval.title, templateId: template.id, classification },
  });
  return row;
}
