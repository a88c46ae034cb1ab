/**
 * The minutes' status follows their approval (derived on read, nothing hooks into the approvals
 * engine): while `submitted`, the approval's status decides — 決裁済 → `approved`; 差し戻し,
 * 引戻し, 却下 or 期限切れ → `returned` (editable again, and a new submission routes a new
 * approval); on the route or still a draft → `submitted` (locked). The meeting row keeps what was
 * written; views show `withMinutesStatus(…)`.
 */
import type { Minutes } from "@komu/shared";
import { approvalsRepos } from "../../approvals/entities.js";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";

export type MinutesStatus = Minutes["status"];

export interface ApprovalState {
  status: MinutesStatus;
  /** The approval's own status (null: none or not found). */
  approvalStatus: string | null;
}

export async function minutesState(
  deps: Pick<MeetingsDeps, "storage">,
  schoolId: string,
  minutes: Minutes,
): Promise<ApprovalState> {
  if (minutes.status !== "submitted" || !minutes.approvalId) return { status: minutes.status, approvalStatus: null };
  const approval = await approvalsRepos(deps.storage).approvals.get(schoolId, minutes.approvalId);
  const s = approval?.data.status ?? null;
  if (s === "approved") return { status: "approved", approvalStatus: s };
  if (s === null || s === "returned" || s === "withdrawn" || s === "rejected" || s === "expired")
    return { status: "returned", approvalStatus: s };
  return { status: "submitted", approvalStatus: s };
}

/** The row with its minutes' status as the approval says (one Table read while submitted). */
export async function withMinutesStatus(
  deps: Pick<MeetingsDeps, "storage">,
  row: StoredEntity<MeetingRow>,
): Promise<StoredEntity<MeetingRow>> {
  const { status } = await minutesState(deps, row.schoolId, row.data.minutes);
  if (status === row.data.minutes.status) return row;
  return { ...row, data: { ...row.data, minutes: { ...row.data.minutes, status } } };
}
