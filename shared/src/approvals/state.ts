/**
 * An approval (起案 → 決裁) as Kōmu keeps it: the draft's metadata, the route resolved to people
 * when it was submitted, each person's several status fields (notified / viewed / decided, as
 * Documenso keeps for recipients), and the history of every action. Changed only through the
 * pure functions of `machine.ts`; stored by functions/src/approvals with an ETag.
 */
import { z } from "zod";
import { Classification } from "../access/capabilities.js";
import { SchoolId } from "../principal.js";
import { ReminderPolicy, RouteEdits, RouteRole, StageId, StageKind, StageRule } from "./route.js";

const isoDateTime = z.iso.datetime({ offset: false });

export const Person = z.object({ oid: z.string().min(1).max(128), name: z.string().max(256) });
export type Person = z.infer<typeof Person>;

export const Decision = z.enum(["approve", "return", "reject"]);
export type Decision = z.infer<typeof Decision>;

/**
 * One person on a stage. `status`: waiting (stage not reached), pending (their turn), decided,
 * closed (the stage passed or ended without them: any / N of M), circulated (回覧).
 */
export const Assignee = z.object({
  oid: z.string().min(1).max(128),
  name: z.string().max(256),
  role: RouteRole,
  status: z.enum(["waiting", "pending", "decided", "closed", "circulated"]),
  notifiedAt: isoDateTime.nullable(),
  viewedAt: isoDateTime.nullable(),
  decidedAt: isoDateTime.nullable(),
  decision: Decision.nullable(),
  comment: z.string().nullable(),
  /** The deputy who decided for this person (代決); this person then owes a 後閲. */
  deputy: Person.nullable(),
  /** When the absent approver acknowledged the deputy's decision (後閲). */
  reviewedAt: isoDateTime.nullable(),
});
export type Assignee = z.infer<typeof Assignee>;

export const ResolvedStage = z.object({
  id: StageId,
  kind: StageKind,
  label: z.string(),
  rule: StageRule,
  assignees: z.array(Assignee).min(1).max(60),
  /** The people who may decide for the stage's approvers (代決); empty when none. */
  deputies: z.array(Person.extend({ role: RouteRole })).max(20),
  status: z.enum(["waiting", "active", "passed", "ended"]),
  /**
   * Set each time the stage becomes active: a decision must carry the token it was shown, so a
   * retried or late click is recognised (APPROVAL_ALREADY_DECIDED) instead of deciding twice.
   */
  token: z.string().nullable(),
  activatedAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
});
export type ResolvedStage = z.infer<typeof ResolvedStage>;

export const ApprovalStatus = z.enum([
  /** 起案中: being written (never submitted, or back with the drafter). */
  "draft",
  /** 回付中: on the route. */
  "inRoute",
  /** 差し戻し: returned to the drafter, waiting for correction and resubmission. */
  "returned",
  /** 引戻し: pulled back by the drafter; may be edited and resubmitted. */
  "withdrawn",
  /** 却下 */
  "rejected",
  /** 決裁済 */
  "approved",
  /** 期限切れ: not decided within the template's expiry. */
  "expired",
]);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const HistoryAction = z.enum([
  "created",
  "submitted",
  "approved",
  "returned",
  "rejected",
  "delegated",
  "withdrawn",
  "reviewed",
  "completed",
  "expired",
  "reminded",
]);
export type HistoryAction = z.infer<typeof HistoryAction>;

export const HistoryEntry = z.object({
  at: isoDateTime,
  actor: Person,
  action: HistoryAction,
  round: z.number().int().nonnegative(),
  stageId: StageId.nullable(),
  comment: z.string().nullable(),
  /** For 代決: the absent approvers decided for. For 差し戻し: where to ("drafter" or a stage id). */
  onBehalfOf: z.array(Person).optional(),
  returnedTo: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A staged file of the approval (the main PDF, images turned into pages, Office attachments). */
export const ApprovalFile = z.object({
  uploadId: z.string().min(1).max(64),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  mimeType: z.string(),
});
export type ApprovalFile = z.infer<typeof ApprovalFile>;

export const ApprovalFiling = z.object({
  status: z.enum(["none", "pending", "filed", "failed"]),
  recordId: z.string().nullable(),
  /** 文書番号 given at 決裁. */
  number: z.string().nullable(),
  error: z.string().nullable(),
  /** Printed on the 決裁証明 and embedded in the sealed PDF (verification). */
  verificationCode: z.string().nullable().default(null),
  /** SHA-256 of the sealed PDF that was filed. */
  sealedSha256: z.string().nullable().default(null),
});
export type ApprovalFiling = z.infer<typeof ApprovalFiling>;

export const Approval = z.object({
  id: z.string().min(1).max(64),
  schoolId: SchoolId,
  title: z.string().min(1).max(200),
  summary: z.string().max(2000),
  categoryCode: z.string().min(1).max(32),
  classification: Classification,
  dueDate: z.iso.date().nullable(),
  drafter: Person,
  templateId: z.string(),
  templateName: z.string(),
  routeEdits: RouteEdits,
  main: ApprovalFile.nullable(),
  attachments: z.array(ApprovalFile).max(20),
  status: ApprovalStatus,
  /** 1 for the first submission, +1 for each resubmission. 0 before the first. */
  round: z.number().int().nonnegative(),
  /** Incremented whenever a stage becomes active (the source of stage tokens). */
  stepSeq: z.number().int().nonnegative(),
  route: z.array(ResolvedStage).max(16),
  history: z.array(HistoryEntry).max(400),
  reminders: ReminderPolicy,
  /** Reminders sent for the current active stage, and when the last one went. */
  remindersSent: z.number().int().nonnegative(),
  lastReminderAt: isoDateTime.nullable(),
  expiresAfterDays: z.number().int().positive().nullable(),
  numberRegister: z.enum(["dispatch"]).nullable(),
  filing: ApprovalFiling,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
});
export type Approval = z.infer<typeof Approval>;

/** The stage whose turn it is, if the approval is on the route. */
export function activeStage(approval: Pick<Approval, "status" | "route">): ResolvedStage | undefined {
  return approval.status === "inRoute" ? approval.route.find((s) => s.status === "active") : undefined;
}

/** Approvals needed for a stage to pass, given its people. */
export function neededApprovals(stage: Pick<ResolvedStage, "kind" | "rule" | "assignees">): number {
  if (stage.kind === "circulation") return 0;
  if (stage.kind !== "consultation") return 1;
  switch (stage.rule.kind) {
    case "all":
      return stage.assignees.length;
    case "any":
      return 1;
    case "nOfM":
      return Math.min(stage.rule.n, stage.assignees.length);
  }
}

/** Whose turn it is now (pending people of the active stage). */
export function waitingOn(approval: Pick<Approval, "status" | "route">): Assignee[] {
  return activeStage(approval)?.assignees.filter((a) => a.status === "pending") ?? [];
}

export const STAGE_KIND_LABELS: Record<StageKind, { ja: string; en: string }> = {
  approval: { ja: "承認", en: "Approval" },
  consultation: { ja: "合議", en: "Consultation" },
  circulation: { ja: "回覧", en: "Circulation" },
  final: { ja: "決裁", en: "Final approval" },
};

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, { ja: string; en: string }> = {
  draft: { ja: "起案中", en: "Draft" },
  inRoute: { ja: "回付中", en: "In route" },
  returned: { ja: "差し戻し", en: "Returned" },
  withdrawn: { ja: "引戻し", en: "Withdrawn" },
  rejected: { ja: "却下", en: "Rejected" },
  approved: { ja: "決裁済", en: "Approved" },
  expired: { ja: "期限切れ", en: "Expired" },
};
