/**
 * 自分のタスク for the principal: each 廃棄予定一覧 waiting for their decision, and each approved list
 * whose deletion SharePoint refused for some documents in the last FAILED_TASK_DAYS days (they need
 * a look: a retention label, a lock; the records are back to "filed" and a later list may take them).
 */
import { formatFiscalYear, schoolsWhere, type Task } from "@komu/shared";
import type { TaskSource } from "../../deps.js";
import { listAll } from "../../storage/list-all.js";
import { disposalEntity } from "../entities.js";

export const FAILED_TASK_DAYS = 60;

export function disposalTaskSource(): TaskSource {
  return {
    id: "records.disposal",
    async list({ principal, deps }) {
      const schools = schoolsWhere(principal, "records.disposal.approve");
      if (schools.length === 0) return [];
      const repo = deps.storage.entities.repo(disposalEntity);
      const tasks: Task[] = [];
      const since = deps.clock().getTime() - FAILED_TASK_DAYS * 86_400_000;
      for (const schoolId of schools) {
        const [proposed, approved, completed] = await Promise.all([
          listAll(repo, schoolId, { where: { status: "proposed" } }),
          listAll(repo, schoolId, { where: { status: "approved" } }),
          listAll(repo, schoolId, { where: { status: "completed" } }),
        ]);
        for (const d of proposed) {
          tasks.push({
            id: `records.disposal:${d.id}`,
            source: "records",
            kind: "records.disposalApproval",
            title: { ja: "廃棄予定一覧の承認", en: "Approve the list of records due for disposal" },
            detail: {
              ja: `${formatFiscalYear(d.data.fiscalYear)}・${d.data.items.length}件（作成: ${d.data.proposedBy.name}）`,
              en: `${formatFiscalYear(d.data.fiscalYear, "en")}, ${d.data.items.length} records (prepared by ${d.data.proposedBy.name})`,
            },
            schoolId,
            createdAt: d.data.proposedAt,
            href: `/records/disposals/${d.id}`,
            priority: "normal",
          });
        }
        for (const d of [...approved, ...completed]) {
          const failed = d.data.items.filter((i) => i.status === "failed").length;
          if (failed === 0 || Date.parse(d.data.decidedAt ?? "") < since) continue;
          tasks.push({
            id: `records.disposalFailed:${d.id}`,
            source: "records",
            kind: "records.disposalFailed",
            title: { ja: "廃棄できなかった文書があります", en: "Some records could not be disposed of" },
            detail: {
              ja: `${formatFiscalYear(d.data.fiscalYear)}・${failed}件`,
              en: `${formatFiscalYear(d.data.fiscalYear, "en")}, ${failed} records`,
            },
            schoolId,
            createdAt: d.data.decidedAt ?? d.data.proposedAt,
            href: `/records/disposals/${d.id}`,
            priority: "high",
          });
        }
      }
      return tasks;
    },
  };
}
