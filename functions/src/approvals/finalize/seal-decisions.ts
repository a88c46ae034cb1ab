/**
 * The decisions printed on the sealed PDF (印影 and 決裁証明): every approval of the final round,
 * in route order; a 代決 is the deputy's imprint with the absent approver named (後閲 is theirs).
 */
import { type Approval, ROLE_LABELS } from "@komu/shared";
import type { SealDecision } from "../pdf/index.js";

export const surnameOf = (name: string): string => name.trim().split(/[\s\u3000]+/)[0] ?? name;

export function sealDecisionsOf(approval: Approval): SealDecision[] {
  const out: SealDecision[] = [];
  for (const stage of approval.route) {
    if (stage.kind === "circulation") continue;
    for (const a of stage.assignees) {
      if (a.decision !== "approve" || !a.decidedAt) continue;
      const who = a.deputy ?? a;
      const role = a.deputy ? (stage.deputies.find((d) => d.oid === a.deputy?.oid)?.role ?? a.role) : a.role;
      out.push({
        stageLabel: stage.label,
        role: ROLE_LABELS[role].ja,
        name: who.name,
        surname: surnameOf(who.name),
        decision: a.deputy ? "delegated" : "approved",
        decidedAt: a.decidedAt,
        ...(a.comment ? { comment: a.comment } : {}),
        ...(a.deputy ? { deputyFor: a.name, deputyForRole: ROLE_LABELS[a.role].ja } : {}),
      });
    }
  }
  return out;
}

/** Everyone whose imprint goes on the PDF (the drafter, then each approver or deputy), by oid. */
export function sealersOf(approval: Approval): { oid: string; name: string }[] {
  const out = new Map<string, string>([[approval.drafter.oid, approval.drafter.name]]);
  for (const stage of approval.route) {
    if (stage.kind === "circulation") continue;
    for (const a of stage.assignees) {
      if (a.decision !== "approve") continue;
      const who = a.deputy ?? a;
      out.set(who.oid, who.name);
    }
  }
  return [...out].map(([oid, name]) => ({ oid, name }));
}
