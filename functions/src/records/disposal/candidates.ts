/**
 * 廃棄予定一覧の候補: the school's filed records whose 保存期限 ends by the end of the review's 年度
 * (`dueForDisposal`), less those already on an open list (proposed, or approved and not yet
 * deleted). Oldest 保存期限 first. Reads Kōmu's record index only (no SharePoint calls).
 */
import { dueForDisposal } from "@komu/shared";
import type { Storage, StoredEntity } from "../../storage/index.js";
import { listAll } from "../../storage/list-all.js";
import { disposalEntity, type RecordData, recordEntity } from "../entities.js";
import { type DisposalItem, isOpenItem, recordRetentionEnd } from "./retention-of.js";

export interface CandidateDeps {
  storage: Pick<Storage, "entities">;
}

/** Records on a list that is still open (a failed deletion frees its record for a later list). */
export async function recordsOnOpenLists(deps: CandidateDeps, schoolId: string): Promise<Set<string>> {
  const repo = deps.storage.entities.repo(disposalEntity);
  const [proposed, approved] = await Promise.all([
    listAll(repo, schoolId, { where: { status: "proposed" } }),
    listAll(repo, schoolId, { where: { status: "approved" } }),
  ]);
  const ids = new Set<string>();
  for (const d of proposed) for (const item of d.data.items) ids.add(item.recordId);
  for (const d of approved) for (const item of d.data.items) if (isOpenItem(item)) ids.add(item.recordId);
  return ids;
}

export function itemOf(record: StoredEntity<RecordData>): DisposalItem {
  const r = record.data;
  const end = recordRetentionEnd(r);
  return {
    recordId: record.id,
    title: r.title,
    fileName: r.fileName,
    fiscalYear: r.fiscalYear,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    classification: r.classification,
    retentionUntil: end.kind === "date" ? end.until : r.retentionUntil,
    number: r.number?.text ?? null,
    sha256: r.sha256,
    status: "pending",
    deletedAt: null,
    failure: null,
  };
}

const byRetention = (a: DisposalItem, b: DisposalItem) =>
  a.retentionUntil.localeCompare(b.retentionUntil) ||
  a.fiscalYear - b.fiscalYear ||
  a.categoryCode.localeCompare(b.categoryCode) ||
  a.title.localeCompare(b.title, "ja") ||
  a.recordId.localeCompare(b.recordId);

export async function disposalCandidates(
  deps: CandidateDeps,
  schoolId: string,
  fiscalYear: number,
): Promise<DisposalItem[]> {
  const [filed, taken] = await Promise.all([
    listAll(deps.storage.entities.repo(recordEntity), schoolId, { where: { status: "filed" } }),
    recordsOnOpenLists(deps, schoolId),
  ]);
  return filed
    .filter((r) => !taken.has(r.id) && dueForDisposal(recordRetentionEnd(r.data), fiscalYear))
    .map(itemOf)
    .sort(byRetention);
}
