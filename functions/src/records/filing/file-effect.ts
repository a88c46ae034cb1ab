/**
 * The outbox effect `records.file` (payload { recordId }): puts the staged bytes into SharePoint,
 * sets the listItem fields, applies the retention label when the tenant maps the period, marks the
 * record "filed" (ETag), audits `records.filed`, and removes the staged blob.
 *
 * Idempotent: each step is skipped or harmless when repeated (placeFile finds its own file after a
 * lost reply; the fields and label PATCHes set the same values; the status change is ETag-guarded).
 * Graph calls for a small file in an existing folder: PUT content + PATCH fields (+ PATCH label)
 * = 2–3 calls, 4–6 RU.
 *
 * Permanent failure (a non-retryable error, or the last attempt): the record becomes "failed" with
 * a bilingual reason, `records.filingFailed` is audited, and a file already uploaded for it is
 * removed (best effort), so nothing stays half filed.
 */
import { isKomuError, type LocalizedText, recordFolderPath } from "@komu/shared";
import type { AuditEventInput } from "@komu/shared/audit/events";
import { z } from "zod";
import { classifyError, RetryableError } from "../../outbox/errors.js";
import type { EffectHandler } from "../../outbox/types.js";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordData } from "../entities.js";
import { voidLineOfFailedRecord } from "../registers/void-after-failed-filing.js";
import { recordsRepos } from "../repos.js";
import { recordFields } from "../sharepoint/columns.js";
import { graphCode, graphStatus } from "../sharepoint/graph-paths.js";
import { libraryApi } from "../sharepoint/library.js";
import { requireLibrary } from "./check-filing.js";
import { placeFile, StagedBytesMissing } from "./place-file.js";

export const RECORDS_FILE_EFFECT = "records.file";
/** The outbox's default attempts; the last one marks the record failed instead of dead-lettering silently. */
export const FILING_MAX_ATTEMPTS = 8;

const Payload = z.object({ recordId: z.string().min(1) });

function failureText(e: unknown): { code: string; message: LocalizedText } {
  if (e instanceof StagedBytesMissing) {
    return {
      code: "UPLOAD_NOT_FOUND",
      message: {
        ja: "アップロードしたファイルが期限切れで見つかりません。もう一度アップロードしてください。",
        en: "The uploaded file expired before it could be stored. Upload it again.",
      },
    };
  }
  if (isKomuError(e)) return { code: e.code, message: e.text };
  const status = graphStatus(e) ?? (e as { statusCode?: number }).statusCode;
  const code = graphCode(e) ?? "unknown";
  return {
    code: "RECORD_FILING_FAILED",
    message: {
      ja: `SharePoint が文書の保存を拒否しました（${status ?? "接続エラー"} ${code}）。管理者に連絡してください。`,
      en: `SharePoint refused to store the record (${status ?? "connection error"} ${code}). Contact your administrator.`,
    },
  };
}

function filedEvent(id: string, r: RecordData, version: number): AuditEventInput {
  return {
    kind: "records.filed",
    actor: r.author,
    target: { kind: "record", id },
    data: {
      title: r.title,
      fileName: r.fileName,
      sha256: r.sha256,
      size: r.size,
      fiscalYear: r.fiscalYear,
      categoryCode: r.categoryCode,
      classification: r.classification,
      retentionUntil: r.retentionUntil,
      ...(r.number ? { number: r.number.text } : {}),
      ...(version > 1 ? { version } : {}),
    },
  };
}

/** Appends records.filed for each version not audited yet, then remembers it (ETag). */
export async function auditFiled(deps: RecordsDeps, row: StoredEntity<RecordData>): Promise<StoredEntity<RecordData>> {
  const repos = recordsRepos(deps.storage);
  let current = row;
  const audited = current.data.auditedVersion ?? 0;
  if (audited >= current.data.versionCount) return current;
  await deps.storage.audit.append(current.schoolId, filedEvent(current.id, current.data, current.data.versionCount));
  current = await repos.records.update(
    current.schoolId,
    current.id,
    { auditedVersion: current.data.versionCount },
    current.etag,
    { mode: "merge" },
  );
  return current;
}

async function cleanUpStaged(deps: RecordsDeps, schoolId: string, uploadId: string | null): Promise<void> {
  if (!uploadId) return;
  const repos = recordsRepos(deps.storage);
  const upload = await repos.uploads.get(schoolId, uploadId);
  if (!upload) return;
  await deps.blobs.delete(upload.data.blobName);
  await repos.uploads.delete(schoolId, uploadId, upload.etag).catch(() => undefined);
}

async function markFailed(deps: RecordsDeps, row: StoredEntity<RecordData>, error: unknown): Promise<void> {
  const repos = recordsRepos(deps.storage);
  const failure = failureText(error);
  if (row.data.driveItemId) {
    const { library } = await requireLibrary(repos, row.schoolId);
    await libraryApi(deps.graph, library.driveId)
      .deleteItem(row.data.driveItemId)
      .catch((e) => deps.logger.warn("records: could not remove a half-filed item", { id: row.id, error: String(e) }));
  }
  await repos.records.update(
    row.schoolId,
    row.id,
    { status: "failed", failure, driveItemId: null, listItemId: null, webUrl: null },
    row.etag,
    { mode: "merge" },
  );
  // A register number reserved for this record is voided with the reason (never burnt silently).
  await voidLineOfFailedRecord(deps, row, failure).catch((e) =>
    deps.logger.error("records: the register line of a failed filing was not voided", {
      recordId: row.id,
      error: String(e),
    }),
  );
  await deps.storage.audit.append(row.schoolId, {
    kind: "records.filingFailed",
    actor: row.data.author,
    target: { kind: "record", id: row.id },
    data: {
      reason: `${failure.code}: ${failure.message.en}`,
      ...(row.data.number ? { number: row.data.number.text } : {}),
    },
  });
}

async function fileOnce(deps: RecordsDeps, start: StoredEntity<RecordData>, attempt: number, signal: AbortSignal) {
  const repos = recordsRepos(deps.storage);
  let row = start;
  const { library } = await requireLibrary(repos, row.schoolId);
  const api = libraryApi(deps.graph, library.driveId);
  const r = row.data;

  if (!r.driveItemId) {
    const upload = r.pendingUploadId ? await repos.uploads.get(row.schoolId, r.pendingUploadId) : null;
    if (!upload) throw new StagedBytesMissing(r.pendingUploadId ?? "(none)");
    const placed = await placeFile(deps.graph, api, deps.blobs, {
      recordId: row.id,
      folderPath: recordFolderPath(r.fiscalYear, { code: r.categoryCode, name: r.categoryName }),
      fileName: r.fileName,
      size: r.size,
      mimeType: r.mimeType,
      blobName: upload.data.blobName,
      createdAt: row.createdAt,
      attempt,
      signal,
    });
    row = await repos.records.update(
      row.schoolId,
      row.id,
      {
        driveItemId: placed.item.id,
        listItemId: placed.item.sharepointIds?.listItemId ?? placed.item.listItem?.id ?? null,
        webUrl: placed.item.webUrl ?? null,
        ...(placed.name !== r.fileName ? { storedName: placed.name } : {}),
      },
      row.etag,
      { mode: "merge" },
    );
  }
  const itemId = row.data.driveItemId as string;
  await api.patchFields(itemId, recordFields(row.id, row.data));
  const label = deps.config.retentionLabels[row.data.retention];
  if (label) await api.applyRetentionLabel(itemId, label);
  row = await repos.records.update(
    row.schoolId,
    row.id,
    { status: "filed", pendingUploadId: null, retentionLabel: label ?? null, failure: null },
    row.etag,
    { mode: "merge" },
  );
  return row;
}

export function recordsFileHandler(deps: RecordsDeps): EffectHandler {
  return async (payload, attempt, info) => {
    const { recordId } = Payload.parse(payload);
    const repos = recordsRepos(deps.storage);
    let row = await repos.records.get(info.schoolId, recordId);
    if (!row || row.data.status === "failed" || row.data.status === "disposed") return;
    if (row.data.status === "filing") {
      const pendingUploadId = row.data.pendingUploadId;
      try {
        row = await fileOnce(deps, row, attempt, info.signal);
      } catch (e) {
        const judged = classifyError(e);
        // Our own row moved under us (a concurrent change): look again, it is not SharePoint's fault.
        const ownRace = isKomuError(e) && (e.code === "STALE_ETAG" || e.code === "CONFLICT");
        const permanent =
          !ownRace && (e instanceof StagedBytesMissing || !judged.retryable || attempt >= FILING_MAX_ATTEMPTS);
        if (!permanent) throw ownRace ? new RetryableError(judged.message, { cause: e }) : e;
        const latest = await repos.records.require(info.schoolId, recordId);
        if (latest.data.status === "filing") await markFailed(deps, latest, e);
        deps.logger.warn("records: filing failed for good", { recordId, error: judged.message });
        return; // recorded on the record and in the audit log; nothing left for the outbox to retry
      }
      await cleanUpStaged(deps, info.schoolId, pendingUploadId).catch((e) =>
        deps.logger.warn("records: staged upload not removed (the sweep will)", { recordId, error: String(e) }),
      );
    }
    await auditFiled(deps, row);
  };
}
