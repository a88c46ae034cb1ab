/**
 * The tab's lists, from Kōmu's index (no Graph calls):
 *  - waiting: the caller's turn now (their pending decision, or 代決 as a deputy);
 *  - drafts:  the caller's own approvals not finished (起案中, 回付中, 差し戻し, 引戻し);
 *  - done:    finished approvals the caller drafted or was on the route of (決裁済, 却下, 期限切れ);
 *  - school:  everything on a route in the school (principal / vice principal: approval.oversee).
 * Newest first, `limit` per page (`cursor` = the previous page's `next`). Rows are read per status
 * (indexed), at most 1,000 per status and school.
 */
import {
  type Approval,
  type ApprovalBox,
  ApprovalListQuery,
  type ApprovalStatus,
  type ApprovalSummaryView,
  ensureCan,
  type Principal,
} from "@komu/shared";
import type { Storage } from "../../storage/index.js";
import { abilitiesOf, canSee, onRoute } from "../access.js";
import { approvalsRepos } from "../entities.js";
import { approvalOf, toSummary } from "../view.js";

const STATUSES: Record<ApprovalBox, ApprovalStatus[]> = {
  waiting: ["inRoute"],
  drafts: ["draft", "inRoute", "returned", "withdrawn"],
  done: ["approved", "rejected", "expired"],
  school: ["inRoute"],
};

export async function listApprovals(
  storage: Pick<Storage, "entities">,
  req: { schoolId: string; principal: Principal; query: ApprovalListQuery },
): Promise<{ items: ApprovalSummaryView[]; next?: string }> {
  const { schoolId, principal } = req;
  const query = ApprovalListQuery.parse(req.query);
  ensureCan(principal, query.box === "school" ? "approval.oversee" : "approval.participate", { schoolId });
  const repo = approvalsRepos(storage).approvals;
  const found: Approval[] = [];
  for (const status of STATUSES[query.box]) {
    const where: Record<string, string> = query.box === "drafts" ? { status, drafterOid: principal.oid } : { status };
    const page = await repo.list(schoolId, { where, limit: 1000 });
    found.push(...page.items.map(approvalOf));
  }
  const keep = (a: Approval): boolean => {
    if (!canSee(principal, a)) return false;
    switch (query.box) {
      case "waiting": {
        const abilities = abilitiesOf(principal, a);
        return abilities.decide || abilities.delegate;
      }
      case "drafts":
        return a.drafter.oid === principal.oid;
      case "done":
        return a.drafter.oid === principal.oid || onRoute(a, principal.oid);
      case "school":
        return true;
    }
  };
  const all = found.filter(keep).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  const start = Number(query.cursor ?? 0);
  const end = start + query.limit;
  return {
    items: all.slice(start, end).map((a) => toSummary(a, principal)),
    ...(end < all.length ? { next: String(end) } : {}),
  };
}
