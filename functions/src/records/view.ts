/** Table row → the API's RecordView, and the lower-cased words the index search matches. */
import type { RecordView } from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import type { RecordData } from "./entities.js";

export function toRecordView(row: StoredEntity<RecordData>): RecordView {
  const r = row.data;
  return {
    id: row.id,
    schoolId: row.schoolId,
    title: r.title,
    fileName: r.fileName,
    fiscalYear: r.fiscalYear,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    classification: r.classification,
    retention: r.retention,
    trigger: r.trigger,
    eventDate: r.eventDate,
    retentionUntil: r.retentionUntil,
    retentionLabel: r.retentionLabel,
    number: r.number,
    author: r.author,
    authorName: r.authorName,
    related: r.related,
    note: r.note,
    status: r.status,
    size: r.size,
    mimeType: r.mimeType,
    sha256: r.sha256,
    versionCount: r.versionCount,
    webUrl: r.webUrl,
    failure: r.failure,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    etag: row.etag,
  };
}

/** NFKC + lower case, so full-width and half-width letters and digits match each other. */
export const normalizeText = (s: string): string => s.normalize("NFKC").toLowerCase();

export function searchTextOf(
  r: Pick<RecordData, "title" | "fileName" | "note" | "authorName" | "number" | "author">,
): string {
  return normalizeText(
    [r.title, r.fileName, r.note ?? "", r.authorName, r.author.name, r.number?.text ?? ""].filter(Boolean).join("\n"),
  );
}
