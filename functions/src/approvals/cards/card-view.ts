/**
 * The approval card's data for one viewer: whose turn it is (buttons), a deputy (代決), or a
 * status view; the route with each stage's people and state; and an optional notice (a late
 * click: who decided and when; a refusal). Pure: the caller renders it with renderCard.
 */
import {
  APPROVAL_STATUS_LABELS,
  type Approval,
  activeStage,
  decidedThisRound,
  formatJst,
  neededApprovals,
  type ResolvedStage,
  turnOf,
  waitingOn,
} from "@komu/shared";
import type { ApprovalCardData } from "@komu/shared/cards/index";

const at = (iso: string | null) => (iso ? formatJst(new Date(iso), "dateTime") : "");

function stageState(stage: ResolvedStage): Pick<ApprovalCardData["route"][number], "state" | "color"> {
  if (stage.kind === "circulation")
    return stage.status === "passed" ? { state: "回覧済", color: "Good" } : { state: "回覧", color: "Default" };
  const decided = stage.assignees.filter((a) => a.decision !== null);
  const last = decided.at(-1);
  switch (stage.status) {
    case "waiting":
      return { state: "—", color: "Default" };
    case "active": {
      const approved = decided.filter((a) => a.decision === "approve").length;
      const needed = neededApprovals(stage);
      return { state: needed > 1 ? `審査中 ${approved}/${needed}` : "審査中", color: "Accent" };
    }
    case "passed":
      return {
        state: `${last?.deputy ? "代決" : "承認"} ${at(last?.decidedAt ?? stage.completedAt)}`,
        color: "Good",
      };
    case "ended": {
      const word = last?.decision === "return" ? "差し戻し" : last?.decision === "reject" ? "却下" : "終了";
      return { state: `${word} ${at(last?.decidedAt ?? stage.completedAt)}`, color: "Attention" };
    }
  }
}

function people(stage: ResolvedStage): string {
  return stage.assignees.map((a) => (a.deputy ? `${a.name}（代決 ${a.deputy.name}）` : a.name)).join("、");
}

function statusOf(approval: Approval): Pick<ApprovalCardData, "statusText" | "statusColor"> {
  const label = APPROVAL_STATUS_LABELS[approval.status].ja;
  switch (approval.status) {
    case "inRoute": {
      const stage = activeStage(approval);
      const names = waitingOn(approval)
        .map((a) => a.name)
        .join("、");
      return { statusText: `${label}：${stage?.label ?? ""}（${names}）`, statusColor: "Accent" };
    }
    case "approved":
      return {
        statusText: `${label}（${at(approval.completedAt)}）${approval.filing.number ? ` ${approval.filing.number}` : ""}`,
        statusColor: "Good",
      };
    case "rejected":
    case "returned":
    case "expired":
      return { statusText: label, statusColor: "Attention" };
    default:
      return { statusText: label, statusColor: "Warning" };
  }
}

export interface CardViewer {
  oid: string;
  /** Teams id (29:…) when known: the card refreshes for them (per-user view, approval.view). */
  teamsId?: string | undefined;
}

export function approvalCardData(
  approval: Approval,
  viewer: CardViewer | null,
  opts: { notice?: string; noticeColor?: ApprovalCardData["noticeColor"]; openUrl?: string } = {},
): ApprovalCardData {
  const turn = viewer ? turnOf(approval, viewer.oid) : undefined;
  const canDecide = turn !== undefined && !turn.asDeputy;
  const canDelegate = turn?.asDeputy === true;
  const activeIndex = turn ? approval.route.indexOf(turn.stage) : -1;
  return {
    approvalId: approval.id,
    schoolId: approval.schoolId,
    title: approval.title,
    drafterName: approval.drafter.name,
    templateName: approval.templateName,
    dueDateText: approval.dueDate ? formatJst(new Date(`${approval.dueDate}T00:00:00+09:00`), "date") : "",
    summary: approval.summary,
    ...statusOf(approval),
    route: approval.route.map((s) => ({ label: s.label, people: people(s), ...stageState(s) })),
    userIds: viewer?.teamsId ? [viewer.teamsId] : [],
    canDecide,
    canDelegate,
    stepToken: turn?.stage.token ?? "",
    canWithdraw: viewer?.oid === approval.drafter.oid && approval.status === "inRoute" && !decidedThisRound(approval),
    reviewStageId: viewer
      ? (approval.route.find((s) =>
          s.assignees.some((a) => a.oid === viewer.oid && a.deputy !== null && a.reviewedAt === null),
        )?.id ?? "")
      : "",
    returnChoices: canDecide
      ? [
          { title: `起案者（${approval.drafter.name}）`, value: "drafter" },
          ...approval.route
            .slice(0, activeIndex)
            .filter((s) => s.kind !== "circulation")
            .map((s) => ({ title: s.label, value: s.id })),
        ]
      : [],
    notice: opts.notice ?? "",
    noticeColor: opts.noticeColor ?? "Default",
    openUrl: opts.openUrl ?? "",
  };
}

/** "：桜井 聡 さんが 2026/11/25 9:05 に承認" from a refusal's details (empty when none). */
export function decisionsText(details: unknown): string {
  const decisions = (details as { decisions?: { name: string; decision: string; at: string; deputy?: string }[] })
    ?.decisions;
  const words: Record<string, string> = { approve: "承認", return: "差し戻し", reject: "却下" };
  if (!decisions || decisions.length === 0) return "";
  return `：${decisions
    .map((d) => `${d.deputy ? `${d.deputy}（代決）` : d.name} さんが ${at(d.at)} に${words[d.decision] ?? d.decision}`)
    .join("、")}`;
}

/** The notice of a late or repeated click: who decided the step, and when. */
export function alreadyDecidedNotice(details: unknown): string {
  return `この段階はすでに決定済みです${decisionsText(details)}。`;
}
