/**
 * Filing (the records service other modules call): a staged upload + metadata → a record.
 *
 *   1. checkFiling: every refusal (category, 年度, classification, library, upload) before any
 *      side effect;
 *   2. the upload is claimed for this record (ETag), the record row is created (status "filing",
 *      保存期限 computed) — both idempotent for the same recordId;
 *   3. the SharePoint work is an outbox effect `records.file` (dedupe = record id), delivered
 *      inline once; if that attempt fails the worker retries it later.
 *
 * Answer: `filed: true` when the document is in SharePoint with its fields (HTTP 201), else the
 * record in status "filing" (HTTP 202). A permanent failure is RECORD_FILING_FAILED (the record
 * stays, status "failed", with its reason). Access is the caller's business: the API route checks
 * `records.file`; modules filing on someone's behalf have authorised their own action.
 */
import { type FileRecordInput, isKomuError, KomuError, type RecordNumber, retentionUntilValue } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordData } from "../entities.js";
import { newRecordId } from "../ids.js";
import { recordsRepos } from "../repos.js";
import { searchTextOf } from "../view.js";
import { type CheckedFiling, checkFiling } from "./check-filing.js";
import { RECORDS_FILE_EFFECT, recordsFileHandler } from "./file-effect.js";

export interface Person {
  oid: string;
  name: string;
}

export interface FileRecordRequest {
  schoolId: string;
  input: FileRecordInput;
  /** Who files (the uploader, or the person a module acts for). */
  actor: Person;
  /** A number the registers reserved for this record (受付番号 / 文書番号). */
  number?: RecordNumber;
  /** A stable id for an idempotent caller (a retry with the same id returns the same record). */
  recordId?: string;
  /** Only an upload this user staged may be filed (the API: one's own uploads); see CheckFilingOptions. */
  stagedBy?: string;
}

export interface FileRecordResult {
  record: StoredEntity<RecordData>;
  /** true: in SharePoint with its fields (201); false: still being filed (202). */
  filed: boolean;
}

function recordData(req: FileRecordRequest, checked: CheckedFiling): RecordData {
  const upload = checked.upload;
  if (!upload) throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId: req.input.uploadId } });
  const { input, actor } = req;
  const authorName = input.authorName ?? actor.name;
  const base = {
    title: input.title,
    fileName: upload.data.fileName,
    fiscalYear: input.fiscalYear,
    categoryCode: checked.category.code,
    categoryName: checked.category.name,
    classification: checked.classification,
    topic: checked.category.topic ?? null,
    retention: checked.category.retention,
    trigger: checked.category.trigger,
    eventDate: input.eventDate ?? null,
    retentionUntil: retentionUntilValue(checked.retention),
    retentionLabel: null,
    number: req.number ?? null,
    author: actor,
    authorName,
    related: input.related ?? null,
    note: input.note ?? null,
    status: "filing" as const,
    size: upload.data.size,
    mimeType: upload.data.mimeType,
    sha256: upload.data.sha256,
    versionCount: 1,
    pendingUploadId: upload.id,
    driveItemId: null,
    listItemId: null,
    webUrl: null,
    failure: null,
    disposalId: null,
    auditedVersion: 0,
  };
  return { ...base, searchText: searchTextOf(base) };
}

export async function fileRecord(deps: RecordsDeps, req: FileRecordRequest): Promise<FileRecordResult> {
  const repos = recordsRepos(deps.storage);
  const recordId = req.recordId ?? newRecordId(deps.clock());
  const existing = req.recordId ? await repos.records.get(req.schoolId, recordId) : null;
  if (!existing) {
    const checked = await checkFiling({ repos, clock: deps.clock }, req.schoolId, req.input, {
      recordId,
      ...(req.stagedBy !== undefined ? { stagedBy: req.stagedBy } : {}),
    });
    const upload = checked.upload as NonNullable<CheckedFiling["upload"]>;
    if (upload.data.usedBy !== recordId) {
      await repos.uploads.update(req.schoolId, upload.id, { usedBy: recordId }, upload.etag, { mode: "merge" });
    }
    try {
      await repos.records.create(req.schoolId, recordId, recordData(req, checked));
    } catch (e) {
      // A concurrent retry with the same id created it first: carry on with that one.
      if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
    }
  }
  const { id } = await deps.storage.outbox.enqueue({
    kind: RECORDS_FILE_EFFECT,
    schoolId: req.schoolId,
    payload: { recordId },
    dedupeKey: recordId,
  });
  await deps.storage.outbox.deliverNow(id, req.schoolId, { [RECORDS_FILE_EFFECT]: recordsFileHandler(deps) });
  const record = await repos.records.require(req.schoolId, recordId);
  if (record.data.status === "failed") {
    throw new KomuError("RECORD_FILING_FAILED", {
      details: { recordId, reason: record.data.failure },
      ...(record.data.failure ? { message: record.data.failure.message } : {}),
    });
  }
  return { record, filed: record.data.status === "filed" };
}
