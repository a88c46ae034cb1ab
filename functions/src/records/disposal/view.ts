/**
 * Disposal lists and candidates → the API's views, for one viewer. Those who prepare the lists
 * (the clerk) need not have a need for class I/II records: the 件名 and file name of such items
 * are withheld from them (the rule of `document.read`: principal and vice principal), as in the
 * registers; the rest of the item (category, 保存期限, number, hash, status) stays visible.
 */
import { can, type DisposalItemView, type DisposalView, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { DisposalData } from "../entities.js";
import { WITHHELD } from "../registers/entry-view.js";
import type { DisposalItem } from "./retention-of.js";

export function toDisposalItemView(item: DisposalItem, viewer: Principal, schoolId: string): DisposalItemView {
  const visible = can(viewer, "document.read", { schoolId, classification: item.classification });
  return {
    ...item,
    ...(visible ? {} : { title: WITHHELD, fileName: WITHHELD }),
    failure: item.failure ?? null,
  };
}

export function toDisposalView(stored: StoredEntity<DisposalData>, viewer: Principal): DisposalView {
  const d = stored.data;
  return {
    id: stored.id,
    schoolId: stored.schoolId,
    fiscalYear: d.fiscalYear,
    status: d.status,
    items: d.items.map((item) => toDisposalItemView(item, viewer, stored.schoolId)),
    proposedBy: d.proposedBy,
    proposedAt: d.proposedAt,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
    comment: d.comment,
    etag: stored.etag,
  };
}
