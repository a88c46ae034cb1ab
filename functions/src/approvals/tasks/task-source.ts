/**
 * 自分のタスク from approvals: each approval whose turn is the caller's (承認 or 代決), each of the
 * caller's drafts that came back (差し戻し), and each 代決 the caller still owes a 後閲 for. Read
 * from Kōmu's index (approvals on a route / returned / approved per school), no Graph calls.
 */
import { type Approval, schoolsWhere, type Task } from "@komu/shared";
import type { TaskSource } from "../../deps.js";
import { abilitiesOf } from "../access.js";
import { approvalsRepos } from "../entities.js";
import { approvalOf } from "../view.js";

const href = (a: Approval) => `/approvals?approval=${encodeURIComponent(a.id)}`;

export function approvalsTaskSource(): TaskSource {
  return {
    id: "approvals",
    async list({ principal, deps }) {
      const schools = schoolsWhere(principal, "approval.participate");
      if (schools.length === 0) return [];
      const repo = approvalsRepos(deps.storage).approvals;
      const tasks: Task[] = [];
      for (const schoolId of schools) {
        const [inRoute, returned, approved] = await Promise.all(
          (["inRoute", "returned", "approved"] as const).map(async (status) =>
            (await repo.list(schoolId, { where: { status }, limit: 1000 })).items.map(approvalOf),
          ),
        );
        for (const a of inRoute ?? []) {
          const abilities = abilitiesOf(principal, a);
          if (!abilities.decide && !abilities.delegate) continue;
          tasks.push({
            id: `approvals:${a.id}`,
            source: "approvals",
            kind: abilities.decide ? "approvals.decide" : "approvals.delegate",
            title: abilities.decide
              ? { ja: `決裁: ${a.title}`, en: `Approve: ${a.title}` }
              : { ja: `代決できます: ${a.title}`, en: `You may approve as deputy: ${a.title}` },
            detail: { ja: `起案: ${a.drafter.name}`, en: `Drafted by ${a.drafter.name}` },
            schoolId,
            ...(a.submittedAt ? { createdAt: a.submittedAt } : {}),
            ...(a.dueDate ? { dueAt: new Date(`${a.dueDate}T00:00:00+09:00`).toISOString() } : {}),
            href: href(a),
            priority: abilities.decide ? "high" : "normal",
          });
        }
        for (const a of returned ?? []) {
          if (a.drafter.oid !== principal.oid) continue;
          const last = a.history.findLast((h) => h.action === "returned");
          tasks.push({
            id: `approvals.returned:${a.id}`,
            source: "approvals",
            kind: "approvals.returned",
            title: { ja: `差し戻し: ${a.title}`, en: `Returned: ${a.title}` },
            detail: {
              ja: `${last?.actor.name ?? ""}: ${last?.comment ?? ""}`,
              en: `${last?.actor.name ?? ""}: ${last?.comment ?? ""}`,
            },
            schoolId,
            createdAt: a.updatedAt,
            href: href(a),
            priority: "high",
          });
        }
        for (const a of approved ?? []) {
          const owed = a.route.find((s) =>
            s.assignees.some((x) => x.oid === principal.oid && x.deputy !== null && x.reviewedAt === null),
          );
          if (!owed) continue;
          tasks.push({
            id: `approvals.review:${a.id}`,
            source: "approvals",
            kind: "approvals.review",
            title: { ja: `後閲: ${a.title}`, en: `Review a deputy's decision: ${a.title}` },
            schoolId,
            ...(a.completedAt ? { createdAt: a.completedAt } : {}),
            href: href(a),
            priority: "normal",
          });
        }
      }
      return tasks;
    },
  };
}
