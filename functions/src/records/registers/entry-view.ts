/**
 * Register line → RegisterEntryView. A line whose document is in the library shows "filed" (its
 * record is filed, or later approved for disposal / disposed). 件名 and 差出人/宛先 of class I/II
 * lines are shown only to those with a need (the rule of `document.read`: principal, vice
 * principal, the line's creator); others see the line with those two fields withheld.
 */
import { can, type Principal, type RegisterEntryStatus, type RegisterEntryView } from "@komu/shared";
import type { EntityRepo, StoredEntity } from "../../storage/index.js";
import { forEachLimit } from "../disposal/repos.js";
import type { RecordData, RegisterEntryData } from "../entities.js";

export const WITHHELD = "（非表示：重要性分類 I・II）";

export function toEntryView(
  row: StoredEntity<RegisterEntryData>,
  viewer?: Principal,
  status: RegisterEntryStatus = row.data.status,
): RegisterEntryView {
  const e = row.data;
  const visible =
    !viewer ||
    can(viewer, "document.read", {
      schoolId: row.schoolId,
      classification: e.classification,
      ownerId: e.createdBy.oid,
    });
  return {
    register: e.register,
    fiscalYear: e.fiscalYear,
    serial: e.serial,
    number: e.number,
    date: e.date,
    title: visible ? e.title : WITHHELD,
    counterpart: visible ? e.counterpart : WITHHELD,
    channel: e.channel,
    categoryCode: e.categoryCode,
    classification: e.classification,
    status,
    recordId: e.recordId,
    voidReason: e.voidReason,
    note: visible ? e.note : null,
    createdBy: e.createdBy,
    createdAt: row.createdAt,
    etag: row.etag,
  };
}

const FILED: ReadonlySet<RecordData["status"]> = new Set(["filed", "disposalApproved", "disposed"]);

/** The line's status with its record's progress taken into account. */
export function derivedStatus(
  line: RegisterEntryData,
  record: Pick<RecordData, "status"> | null | undefined,
): RegisterEntryStatus {
  if (line.status !== "reserved" || !line.recordId || !record) return line.status;
  return FILED.has(record.status) ? "filed" : "reserved";
}

/**
 * Lines whose record has been filed since are brought up to date ("filed", ETag; losing a race is
 * fine: the next read does it). Returns each line with its current status.
 */
export async function withRecordStatus(
  lines: StoredEntity<RegisterEntryData>[],
  records: EntityRepo<RecordData>,
  entries: EntityRepo<RegisterEntryData>,
): Promise<{ row: StoredEntity<RegisterEntryData>; status: RegisterEntryStatus }[]> {
  const out = lines.map((row) => ({ row, status: row.data.status }));
  const waiting = out.filter((o) => o.row.data.status === "reserved" && o.row.data.recordId);
  await forEachLimit(waiting, 8, async (o) => {
    const record = await records.get(o.row.schoolId, o.row.data.recordId as string);
    o.status = derivedStatus(o.row.data, record?.data);
    if (o.status !== "filed") return;
    try {
      o.row = await entries.update(o.row.schoolId, o.row.id, { status: "filed" }, o.row.etag, { mode: "merge" });
    } catch {
      // Another request got there first (or the store is busy): the answer is right either way.
    }
  });
  return out;
}
