/** 保存期限 of what the disposal works with: a record row, or a disposal item (its stored 保存期限). */
import { type RetentionEnd, retentionEnd } from "@komu/shared";
import type { DisposalData, RecordData } from "../entities.js";

export type DisposalItem = DisposalData["items"][number];

export function recordRetentionEnd(record: RecordData): RetentionEnd {
  return retentionEnd({
    fiscalYear: record.fiscalYear,
    period: record.retention,
    trigger: record.trigger,
    eventDate: record.eventDate,
  });
}

/** The item's 保存期限 "YYYY-03-31" back as a RetentionEnd (items only hold dated ends). */
export function itemRetentionEnd(item: Pick<DisposalItem, "retentionUntil">): RetentionEnd {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(item.retentionUntil);
  if (!m) return item.retentionUntil === "permanent" ? { kind: "permanent" } : { kind: "pendingEvent" };
  return { kind: "date", until: item.retentionUntil, lastFiscalYear: Number(m[1]) - 1 };
}

/** Items not finished yet: still to delete now, or waiting for their retention to pass. */
export const isOpenItem = (item: Pick<DisposalItem, "status">): boolean =>
  item.status === "pending" || item.status === "awaitingExpiry";
