/** API views of an approval row (the shared contract's ApprovalSummaryView / ApprovalDetailView). */
import {
  type Approval,
  type ApprovalDetailView,
  type ApprovalSummaryView,
  activeStage,
  type Principal,
  waitingOn,
} from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import { abilitiesOf } from "./access.js";
import type { ApprovalRow } from "./entities.js";

export function approvalOf(row: StoredEntity<ApprovalRow>): Approval {
  const {
    drafterOid: _drafterOid,
    registerNumber: _registerNumber,
    attachmentRecordIds: _attachmentRecordIds,
    ...approval
  } = row.data;
  return approval;
}

export function toSummary(approval: Approval, principal: Principal): ApprovalSummaryView {
  const abilities = abilitiesOf(principal, approval);
  return {
    id: approval.id,
    schoolId: approval.schoolId,
    title: approval.title,
    drafter: approval.drafter,
    status: approval.status,
    classification: approval.classification,
    dueDate: approval.dueDate,
    currentStage: activeStage(approval)?.label ?? null,
    waitingOn: waitingOn(approval).map((a) => ({ oid: a.oid, name: a.name })),
    myTurn: abilities.decide || abilities.delegate,
    number: approval.filing.number,
    submittedAt: approval.submittedAt,
    completedAt: approval.completedAt,
    updatedAt: approval.updatedAt,
  };
}

export function toDetail(row: StoredEntity<ApprovalRow>, principal: Principal): ApprovalDetailView {
  const approval = approvalOf(row);
  return {
    approval,
    etag: row.etag,
    abilities: abilitiesOf(principal, approval),
    contentUrl: approval.main ? `/api/schools/${approval.schoolId}/approvals/${approval.id}/content` : null,
  };
}
