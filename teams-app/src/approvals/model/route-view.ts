import type { Assignee, ResolvedStage } from "@komu/shared";
import { neededApprovals } from "@komu/shared";

/** What to show for one person on the route (keys of approvals.person.*). */
export type PersonState =
  | "waiting"
  | "notYetNotified"
  | "notified"
  | "viewed"
  | "approved"
  | "returned"
  | "rejected"
  | "delegated"
  | "closed"
  | "circulated"
  | "circulatedViewed";

export function personState(a: Assignee): PersonState {
  switch (a.status) {
    case "waiting":
      return "waiting";
    case "closed":
      return "closed";
    case "circulated":
      return a.viewedAt ? "circulatedViewed" : "circulated";
    case "pending":
      return a.viewedAt ? "viewed" : a.notifiedAt ? "notified" : "notYetNotified";
    case "decided":
      if (a.deputy && a.decision === "approve") return "delegated";
      return a.decision === "return" ? "returned" : a.decision === "reject" ? "rejected" : "approved";
  }
}

/** The time to show beside a person: their decision, else when they viewed, else when notified. */
export function personTime(a: Assignee): string | null {
  return a.decidedAt ?? a.viewedAt ?? a.notifiedAt;
}

/** "2 of 3 approved" for a 合議 stage; null for a one-person step or 回覧. */
export function stageProgress(stage: ResolvedStage): { approved: number; needed: number; of: number } | null {
  if (stage.kind !== "consultation") return null;
  const approved = stage.assignees.filter((a) => a.status === "decided" && a.decision === "approve").length;
  return { approved, needed: neededApprovals(stage), of: stage.assignees.length };
}

/** The first stage where a deputy decided for `oid` and `oid` has not yet acknowledged it (後閲). */
export function pendingReview(route: readonly ResolvedStage[], oid: string): string | null {
  for (const stage of route) {
    if (stage.assignees.some((a) => a.oid === oid && a.deputy && !a.reviewedAt)) return stage.id;
  }
  return null;
}
