/**
 * Who may see and do what on an approval. Staff of the school (`approval.participate`) who are
 * its drafter or on its route see it whatever its classification (they need it to decide); the
 * principal and vice principal (`approval.oversee`) see every submitted approval of the school
 * within the classification rule of `document.read`. Drafts never submitted are the drafter's own.
 */
import {
  type Approval,
  type ApprovalAbilities,
  can,
  decidedThisRound,
  KomuError,
  type Principal,
  turnOf,
} from "@komu/shared";

export function onRoute(approval: Pick<Approval, "route">, oid: string): boolean {
  return approval.route.some((s) => s.assignees.some((a) => a.oid === oid) || s.deputies.some((d) => d.oid === oid));
}

export function canSee(principal: Principal, approval: Approval): boolean {
  if (!can(principal, "approval.participate", { schoolId: approval.schoolId })) return false;
  if (approval.drafter.oid === principal.oid || onRoute(approval, principal.oid)) return true;
  if (approval.round === 0) return false;
  return (
    can(principal, "approval.oversee", { schoolId: approval.schoolId }) &&
    can(principal, "document.read", {
      schoolId: approval.schoolId,
      classification: approval.classification,
      ownerId: approval.drafter.oid,
    })
  );
}

/** NOT_FOUND for an approval the caller may not see (its existence is not revealed). */
export function ensureSee(principal: Principal, approval: Approval): void {
  if (!canSee(principal, approval))
    throw new KomuError("NOT_FOUND", { details: { kind: "approval", id: approval.id } });
}

const EDITABLE = ["draft", "returned", "withdrawn"] as const;

export function isEditable(approval: Pick<Approval, "status">): boolean {
  return (EDITABLE as readonly string[]).includes(approval.status);
}

export function abilitiesOf(principal: Principal, approval: Approval): ApprovalAbilities {
  const drafter = approval.drafter.oid === principal.oid;
  const turn = approval.status === "inRoute" ? turnOf(approval, principal.oid) : undefined;
  const mine = turn?.stage.assignees.find((a) => a.oid === principal.oid && a.status === "pending");
  const activeIndex = turn ? approval.route.indexOf(turn.stage) : -1;
  return {
    edit: drafter && isEditable(approval),
    submit: drafter && isEditable(approval) && approval.main !== null,
    withdraw: drafter && approval.status === "inRoute" && !decidedThisRound(approval),
    decide: mine !== undefined,
    delegate: turn?.stage.deputies.some((d) => d.oid === principal.oid) === true && mine === undefined,
    stepToken: turn ? turn.stage.token : null,
    returnTargets: turn
      ? [
          { id: "drafter", label: "起案者" },
          ...approval.route
            .slice(0, activeIndex)
            .filter((s) => s.kind !== "circulation")
            .map((s) => ({ id: s.id, label: s.label })),
        ]
      : [],
  };
}
