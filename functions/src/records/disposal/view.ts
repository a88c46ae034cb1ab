import type { DisposalItemView, DisposalView } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { DisposalData } from "../entities.js";
import type { DisposalItem } from "./retention-of.js";

export function toDisposalItemView(item: DisposalItem): DisposalItemView {
  return { ...item, failure: item.failure ?? null };
}

export function toDisposalView(stored: StoredEntity<DisposalData>): DisposalView {
  const d = stored.data;
  return {
    id: stored.id,
    schoolId: stored.schoolId,
    fiscalYear: d.fiscalYear,
    status: d.status,
    items: d.items.map(toDisposalItemView),
    proposedBy: d.proposedBy,
    proposedAt: d.proposedAt,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
    comment: d.comment,
    etag: stored.etag,
  };
}
