/**
 * The approval state machine: pure functions from (approval, action, actor, now) to the new
 * approval and the events the action caused. No I/O: the backend stores the result with the row's
 * ETag (so two concurrent decisions cannot both apply) and turns the events into audit entries and
 * outbox effects (cards, notices). Refusals are KomuErrors with explicit race codes.
 */
import { z } from "zod";
import { KomuError } from "../errors.js";
import { StageId } from "./route.js";
import {
  type Approval,
  type Assignee,
  activeStage,
  type Decision,
  type HistoryEntry,
  neededApprovals,
  type Person,
  type ResolvedStage,
} from "./state.js";

export const COMMENT_MAX = 1000;

/** What a person does to an approval on the route. */
export const ApprovalAction = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("approve"),
    stepToken: z.string().min(1).max(40),
    comment: z.string().trim().max(COMMENT_MAX).optional(),
  }),
  z.object({
    type: z.literal("return"),
    stepToken: z.string().min(1).max(40),
    comment: z.string().trim().max(COMMENT_MAX).optional(),
    /** "drafter" (default) or the id of an earlier decision stage. */
    to: z.union([z.literal("drafter"), StageId]).default("drafter"),
  }),
  z.object({
    type: z.literal("reject"),
    stepToken: z.string().min(1).max(40),
    comment: z.string().trim().max(COMMENT_MAX).optional(),
  }),
  /** 代決: a designated deputy approves for the stage's absent approvers (they get a 後閲 notice). */
  z.object({
    type: z.literal("delegate"),
    stepToken: z.string().min(1).max(40),
    comment: z.string().trim().max(COMMENT_MAX).optional(),
  }),
  /** 引戻し by the drafter, before anyone on the route has decided in this round. */
  z.object({ type: z.literal("withdraw"), comment: z.string().trim().max(COMMENT_MAX).optional() }),
  /** The person opened the card or the detail page (first view is recorded). */
  z.object({ type: z.literal("view") }),
  /** 後閲: the absent approver acknowledges a deputy's decision. */
  z.object({ type: z.literal("review"), stageId: StageId }),
  /** System: a reminder went to whoever's turn it is. */
  z.object({ type: z.literal("remind") }),
  /** System: not decided in time. */
  z.object({ type: z.literal("expire") }),
]);
export type ApprovalAction = z.input<typeof ApprovalAction>;

export type ApprovalEvent =
  | { type: "submitted"; round: number; resubmission: boolean }
  | { type: "stageActivated"; stageId: string; token: string; notify: Person[] }
  | { type: "circulated"; stageId: string; people: Person[] }
  | { type: "decided"; stageId: string; decision: Decision; actor: Person; comment: string | null }
  | { type: "delegated"; stageId: string; deputy: Person; absent: Person[]; comment: string | null }
  | { type: "returned"; to: string; actor: Person; comment: string }
  | { type: "rejected"; actor: Person; comment: string }
  | { type: "withdrawn"; actor: Person }
  | { type: "completed" }
  | { type: "viewed"; stageId: string }
  | { type: "reviewed"; stageId: string; actor: Person }
  | { type: "reminded"; stageId: string; people: Person[]; count: number }
  | { type: "expired" };

export interface Transition {
  approval: Approval;
  events: ApprovalEvent[];
}

/** A stage as resolved by the backend at submission (people of each role, deputies). */
export interface StageResolution {
  id: string;
  kind: ResolvedStage["kind"];
  label: string;
  rule: ResolvedStage["rule"];
  people: { oid: string; name: string; role: Assignee["role"] }[];
  deputies: ResolvedStage["deputies"];
}

const person = (p: Person): Person => ({ oid: p.oid, name: p.name });

function freshAssignee(p: StageResolution["people"][number]): Assignee {
  return {
    ...p,
    status: "waiting",
    notifiedAt: null,
    viewedAt: null,
    decidedAt: null,
    decision: null,
    comment: null,
    deputy: null,
    reviewedAt: null,
  };
}

function resetStage(stage: ResolvedStage): ResolvedStage {
  return {
    ...stage,
    status: "waiting",
    token: null,
    activatedAt: null,
    completedAt: null,
    assignees: stage.assignees.map((a) => ({
      ...a,
      status: "waiting",
      notifiedAt: null,
      decidedAt: null,
      decision: null,
      comment: null,
      deputy: null,
      reviewedAt: null,
    })),
  };
}

/**
 * Activates the route from `index`: 回覧 stages are circulated and passed at once; the first
 * decision stage becomes active with a new token; past the end, the approval is 決裁済.
 */
function activateFrom(approval: Approval, index: number, now: string, events: ApprovalEvent[]): Approval {
  const route = [...approval.route];
  let stepSeq = approval.stepSeq;
  for (let i = index; i < route.length; i++) {
    const stage = route[i] as ResolvedStage;
    if (stage.kind === "circulation") {
      route[i] = {
        ...stage,
        status: "passed",
        activatedAt: now,
        completedAt: now,
        assignees: stage.assignees.map((a) => ({ ...a, status: "circulated", notifiedAt: now })),
      };
      events.push({ type: "circulated", stageId: stage.id, people: stage.assignees.map(person) });
      continue;
    }
    stepSeq += 1;
    const token = `${approval.round}.${stepSeq}`;
    route[i] = {
      ...stage,
      status: "active",
      token,
      activatedAt: now,
      completedAt: null,
      assignees: stage.assignees.map((a) => ({ ...a, status: "pending", notifiedAt: now })),
    };
    events.push({ type: "stageActivated", stageId: stage.id, token, notify: stage.assignees.map(person) });
    return { ...approval, route, stepSeq, status: "inRoute", remindersSent: 0, lastReminderAt: null };
  }
  events.push({ type: "completed" });
  return { ...approval, route, stepSeq, status: "approved", completedAt: now, remindersSent: 0, lastReminderAt: null };
}

function entry(
  now: string,
  actor: Person,
  action: HistoryEntry["action"],
  round: number,
  stageId: string | null,
  comment: string | null,
  extra: Partial<HistoryEntry> = {},
): HistoryEntry {
  return { at: now, actor: person(actor), action, round, stageId, comment, ...extra };
}

/** Keeps the history within its bound: the oldest views/reminders go first, decisions stay. */
function withHistory(approval: Approval, ...entries: HistoryEntry[]): Approval {
  const history = [...approval.history, ...entries];
  while (history.length > 400) {
    const i = history.findIndex((h) => h.action === "reminded");
    history.splice(Math.max(i, 0), 1);
  }
  return { ...approval, history };
}

/**
 * 起案 / 再起案: sends a draft (or a returned / withdrawn approval) up the resolved route.
 * Throws FORBIDDEN (not the drafter), APPROVAL_NOT_PENDING (already on the route or closed),
 * APPROVAL_MAIN_DOCUMENT_REQUIRED, APPROVAL_STAGE_EMPTY (a role nobody holds).
 */
export function submit(approval: Approval, stages: StageResolution[], actor: Person, now: string): Transition {
  if (actor.oid !== approval.drafter.oid) throw new KomuError("FORBIDDEN", { details: { reason: "not the drafter" } });
  if (!["draft", "returned", "withdrawn"].includes(approval.status))
    throw new KomuError("APPROVAL_NOT_PENDING", { details: { status: approval.status } });
  if (!approval.main) throw new KomuError("APPROVAL_MAIN_DOCUMENT_REQUIRED");
  const empty = stages.filter((s) => s.people.length === 0);
  if (empty.length > 0)
    throw new KomuError("APPROVAL_STAGE_EMPTY", {
      details: { stages: empty.map((s) => ({ id: s.id, label: s.label })) },
    });
  if (stages.filter((s) => s.kind === "final").length !== 1)
    throw new KomuError("VALIDATION_FAILED", { details: { reason: "the route needs exactly one final stage" } });
  const resubmission = approval.round > 0;
  const round = approval.round + 1;
  const route: ResolvedStage[] = stages.map((s) => ({
    id: s.id,
    kind: s.kind,
    label: s.label,
    rule: s.kind === "consultation" ? s.rule : { kind: "any" },
    assignees: s.people.map(freshAssignee),
    deputies: s.deputies,
    status: "waiting",
    token: null,
    activatedAt: null,
    completedAt: null,
  }));
  const events: ApprovalEvent[] = [{ type: "submitted", round, resubmission }];
  const base = withHistory(
    { ...approval, route, round, submittedAt: now, completedAt: null, updatedAt: now },
    entry(now, actor, "submitted", round, null, null),
  );
  return { approval: activateFrom(base, 0, now, events), events };
}

const requireComment = (comment: string | undefined): string => {
  const c = comment?.trim() ?? "";
  if (c.length === 0) throw new KomuError("APPROVAL_COMMENT_REQUIRED");
  return c;
};

/** Who decided a stage and when (details of APPROVAL_ALREADY_DECIDED: the late click's card). */
export function stageDecisions(
  stage: ResolvedStage,
): { name: string; decision: Decision; at: string; deputy?: string }[] {
  return stage.assignees
    .filter((a) => a.decision !== null && a.decidedAt !== null)
    .map((a) => ({
      name: a.name,
      decision: a.decision as Decision,
      at: a.decidedAt as string,
      ...(a.deputy ? { deputy: a.deputy.name } : {}),
    }));
}

function alreadyDecided(approval: Approval, stage: ResolvedStage | undefined): KomuError {
  return new KomuError("APPROVAL_ALREADY_DECIDED", {
    details: { status: approval.status, stageId: stage?.id ?? null, decisions: stage ? stageDecisions(stage) : [] },
  });
}

type DecisionAction = Extract<z.output<typeof ApprovalAction>, { stepToken: string }>;

/** Checks a decision's actor and token against the active stage; returns the stage's index. */
function checkTurn(approval: Approval, action: DecisionAction, actor: Person): number {
  const onRoute = approval.route.some(
    (s) => s.assignees.some((a) => a.oid === actor.oid) || s.deputies.some((d) => d.oid === actor.oid),
  );
  if (!onRoute) throw new KomuError("APPROVAL_NOT_ON_ROUTE");
  const seen = approval.route.find((s) => s.token === action.stepToken);
  if (approval.status !== "inRoute") {
    if (seen?.assignees.some((a) => a.oid === actor.oid && a.decision !== null)) throw alreadyDecided(approval, seen);
    throw new KomuError("APPROVAL_NOT_PENDING", {
      details: { status: approval.status, decisions: seen ? stageDecisions(seen) : [] },
    });
  }
  const index = approval.route.findIndex((s) => s.status === "active");
  const stage = approval.route[index] as ResolvedStage;
  if (stage.token !== action.stepToken) throw alreadyDecided(approval, seen);
  const mine = stage.assignees.find((a) => a.oid === actor.oid);
  if (action.type === "delegate") {
    if (!stage.deputies.some((d) => d.oid === actor.oid)) throw new KomuError("APPROVAL_OUT_OF_TURN");
    return index;
  }
  if (!mine) throw new KomuError("APPROVAL_OUT_OF_TURN");
  if (mine.status !== "pending") throw alreadyDecided(approval, stage);
  return index;
}

function decideStage(
  approval: Approval,
  index: number,
  action: DecisionAction,
  actor: Person,
  now: string,
): Transition {
  const stage = approval.route[index] as ResolvedStage;
  const events: ApprovalEvent[] = [];
  const round = approval.round;
  const set = (s: ResolvedStage): Approval => {
    const route = [...approval.route];
    route[index] = s;
    return { ...approval, route, updatedAt: now };
  };

  if (action.type === "delegate") {
    const comment = action.comment?.trim() || null;
    const absent = stage.assignees.filter((a) => a.status === "pending");
    const deputy = person(actor);
    const passed: ResolvedStage = {
      ...stage,
      status: "passed",
      completedAt: now,
      assignees: stage.assignees.map((a) =>
        a.status === "pending"
          ? { ...a, status: "decided", decision: "approve", decidedAt: now, comment, deputy }
          : a.status === "decided"
            ? a
            : { ...a, status: "closed" },
      ),
    };
    events.push({ type: "delegated", stageId: stage.id, deputy, absent: absent.map(person), comment });
    const next = withHistory(
      set(passed),
      entry(now, actor, "delegated", round, stage.id, comment, { onBehalfOf: absent.map(person) }),
    );
    return { approval: activateFrom(next, index + 1, now, events), events };
  }

  const decision: Decision = action.type;
  const comment = decision === "approve" ? action.comment?.trim() || null : requireComment(action.comment);
  const assignees = stage.assignees.map((a) =>
    a.oid === actor.oid ? { ...a, status: "decided" as const, decision, decidedAt: now, comment } : a,
  );
  events.push({ type: "decided", stageId: stage.id, decision, actor: person(actor), comment });
  const close = (list: Assignee[]) =>
    list.map((a) => (a.status === "pending" ? { ...a, status: "closed" as const } : a));

  if (action.type === "return") {
    const to = action.to;
    const history = entry(now, actor, "returned", round, stage.id, comment, { returnedTo: to });
    events.push({ type: "returned", to, actor: person(actor), comment: comment as string });
    if (to === "drafter") {
      const returned = set({ ...stage, status: "ended", completedAt: now, assignees: close(assignees) });
      return { approval: withHistory({ ...returned, status: "returned" }, history), events };
    }
    const target = approval.route.findIndex((s) => s.id === to);
    const targetStage = approval.route[target];
    if (target < 0 || target >= index || !targetStage || targetStage.kind === "circulation")
      throw new KomuError("APPROVAL_RETURN_TARGET_INVALID", { details: { to } });
    const ended = set({ ...stage, status: "ended", completedAt: now, assignees: close(assignees) });
    const route = ended.route.map((s, i) => (i >= target ? resetStage(s) : s));
    return { approval: activateFrom(withHistory({ ...ended, route }, history), target, now, events), events };
  }

  const approvals = assignees.filter((a) => a.decision === "approve").length;
  const undecided = assignees.filter((a) => a.status === "pending").length;
  const needed = neededApprovals(stage);
  const history = entry(now, actor, decision === "approve" ? "approved" : "rejected", round, stage.id, comment);

  if (approvals >= needed) {
    const passed = set({ ...stage, status: "passed", completedAt: now, assignees: close(assignees) });
    return { approval: activateFrom(withHistory(passed, history), index + 1, now, events), events };
  }
  if (approvals + undecided < needed) {
    // 却下 (or too many 却下 in a 合議 to reach its rule): the approval is rejected.
    events.push({ type: "rejected", actor: person(actor), comment: comment ?? "" });
    const ended = set({ ...stage, status: "ended", completedAt: now, assignees: close(assignees) });
    return { approval: withHistory({ ...ended, status: "rejected", completedAt: now }, history), events };
  }
  return { approval: withHistory(set({ ...stage, assignees }), history), events };
}

/** Has anyone on the route decided since the latest submission? (引戻し is closed then.) */
export function decidedThisRound(approval: Approval): boolean {
  return approval.history.some(
    (h) => h.round === approval.round && ["approved", "returned", "rejected", "delegated"].includes(h.action),
  );
}

/** The person's pending assignment on the active stage, with its token (what a card offers). */
export function turnOf(approval: Approval, oid: string): { stage: ResolvedStage; asDeputy: boolean } | undefined {
  const stage = activeStage(approval);
  if (!stage) return undefined;
  if (stage.assignees.some((a) => a.oid === oid && a.status === "pending")) return { stage, asDeputy: false };
  if (stage.deputies.some((d) => d.oid === oid)) return { stage, asDeputy: true };
  return undefined;
}

/**
 * Applies one action. Refusals: APPROVAL_NOT_ON_ROUTE, APPROVAL_OUT_OF_TURN,
 * APPROVAL_ALREADY_DECIDED (stale token or a second decision; details name who decided and when),
 * APPROVAL_NOT_PENDING, APPROVAL_COMMENT_REQUIRED, APPROVAL_RETURN_TARGET_INVALID,
 * APPROVAL_WITHDRAW_CLOSED, FORBIDDEN (withdraw by someone other than the drafter).
 * `view` and `review` are idempotent: a repeat returns the approval unchanged with no events.
 */
export function decide(approval: Approval, input: ApprovalAction, actor: Person, now: string): Transition {
  const action = ApprovalAction.parse(input);
  switch (action.type) {
    case "approve":
    case "return":
    case "reject":
    case "delegate":
      return decideStage(approval, checkTurn(approval, action, actor), action, actor, now);
    case "withdraw": {
      if (actor.oid !== approval.drafter.oid)
        throw new KomuError("FORBIDDEN", { details: { reason: "only the drafter may withdraw" } });
      if (approval.status !== "inRoute")
        throw new KomuError("APPROVAL_NOT_PENDING", { details: { status: approval.status } });
      if (decidedThisRound(approval)) throw new KomuError("APPROVAL_WITHDRAW_CLOSED");
      const comment = action.comment?.trim() || null;
      const withdrawn: Approval = {
        ...approval,
        status: "withdrawn",
        updatedAt: now,
        route: approval.route.map(resetStage),
      };
      return {
        approval: withHistory(withdrawn, entry(now, actor, "withdrawn", approval.round, null, comment)),
        events: [{ type: "withdrawn", actor: person(actor) }],
      };
    }
    case "view": {
      const stage = activeStage(approval);
      const mine = stage?.assignees.find((a) => a.oid === actor.oid);
      if (!stage || !mine || mine.viewedAt !== null) return { approval, events: [] };
      const route = approval.route.map((s) =>
        s === stage
          ? { ...s, assignees: s.assignees.map((a) => (a.oid === actor.oid ? { ...a, viewedAt: now } : a)) }
          : s,
      );
      return { approval: { ...approval, route, updatedAt: now }, events: [{ type: "viewed", stageId: stage.id }] };
    }
    case "review": {
      const stage = approval.route.find((s) => s.id === action.stageId);
      const mine = stage?.assignees.find((a) => a.oid === actor.oid && a.deputy !== null);
      if (!stage || !mine) throw new KomuError("APPROVAL_NOT_ON_ROUTE");
      if (mine.reviewedAt !== null) return { approval, events: [] };
      const route = approval.route.map((s) =>
        s === stage
          ? { ...s, assignees: s.assignees.map((a) => (a.oid === actor.oid ? { ...a, reviewedAt: now } : a)) }
          : s,
      );
      return {
        approval: withHistory(
          { ...approval, route, updatedAt: now },
          entry(now, actor, "reviewed", approval.round, stage.id, null),
        ),
        events: [{ type: "reviewed", stageId: stage.id, actor: person(actor) }],
      };
    }
    case "remind": {
      const stage = activeStage(approval);
      if (!stage) throw new KomuError("APPROVAL_NOT_PENDING", { details: { status: approval.status } });
      const people = stage.assignees.filter((a) => a.status === "pending").map(person);
      const count = approval.remindersSent + 1;
      return {
        approval: withHistory(
          { ...approval, remindersSent: count, lastReminderAt: now, updatedAt: now },
          entry(now, actor, "reminded", approval.round, stage.id, null),
        ),
        events: [{ type: "reminded", stageId: stage.id, people, count }],
      };
    }
    case "expire": {
      if (approval.status !== "inRoute")
        throw new KomuError("APPROVAL_NOT_PENDING", { details: { status: approval.status } });
      const route = approval.route.map((s) =>
        s.status === "active"
          ? {
              ...s,
              status: "ended" as const,
              completedAt: now,
              assignees: s.assignees.map((a) => (a.status === "pending" ? { ...a, status: "closed" as const } : a)),
            }
          : s,
      );
      return {
        approval: withHistory(
          { ...approval, route, status: "expired", completedAt: now, updatedAt: now },
          entry(now, actor, "expired", approval.round, null, null),
        ),
        events: [{ type: "expired" }],
      };
    }
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Is a reminder due for the active stage (first after `afterDays`, then every `repeatEveryDays`, at most `max`)? */
export function reminderDue(approval: Approval, now: string): boolean {
  const stage = activeStage(approval);
  if (!stage?.activatedAt || approval.remindersSent >= approval.reminders.max) return false;
  const since = approval.lastReminderAt ?? stage.activatedAt;
  const days = approval.lastReminderAt ? approval.reminders.repeatEveryDays : approval.reminders.afterDays;
  return Date.parse(now) - Date.parse(since) >= days * DAY_MS;
}

/** Has an approval on the route passed its expiry (days after the latest submission)? */
export function expiryDue(approval: Approval, now: string): boolean {
  if (approval.status !== "inRoute" || approval.expiresAfterDays === null || !approval.submittedAt) return false;
  return Date.parse(now) - Date.parse(approval.submittedAt) >= approval.expiresAfterDays * DAY_MS;
}
