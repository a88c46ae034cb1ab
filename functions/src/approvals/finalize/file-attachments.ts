/**
 * At 決裁, the approval's attachments (資料: Office files, images, PDFs) are filed too, each as a
 * record of the same category and classification related to the approval, titled
 * 「<title>（添付 n: <file name>）」, without a number. Record ids are chosen once and kept on the
 * approval row (`attachmentRecordIds`), so a retry files each at most once. A file the records
 * library refuses (4xx) is logged and skipped; anything else is thrown for the outbox to retry.
 */
import { fiscalYearOf, isKomuError } from "@komu/shared";
import { RetryableError } from "../../outbox/errors.js";
import { fileRecord } from "../../records/filing/file-record.js";
import { newRecordId } from "../../records/ids.js";
import { stageUpload } from "../../records/staging/stage-upload.js";
import type { StoredEntity } from "../../storage/index.js";
import type { ApprovalsDeps } from "../deps.js";
import { type ApprovalRow, approvalsRepos } from "../entities.js";

export async function fileAttachments(
  deps: Pick<ApprovalsDeps, "storage" | "records" | "clock" | "logger">,
  row: StoredEntity<ApprovalRow>,
): Promise<StoredEntity<ApprovalRow>> {
  const { approvals, files } = approvalsRepos(deps.storage);
  const a = row.data;
  if (a.attachments.length === 0) return row;
  let current = row;
  if ((current.data.attachmentRecordIds?.length ?? 0) !== a.attachments.length) {
    const ids = a.attachments.map((_, i) => current.data.attachmentRecordIds?.[i] ?? newRecordId(deps.clock()));
    current = await approvals.update(row.schoolId, row.id, { ...current.data, attachmentRecordIds: ids }, current.etag);
  }
  const ids = current.data.attachmentRecordIds ?? [];
  let pending = false;
  for (const [i, attachment] of a.attachments.entries()) {
    const recordId = ids[i] as string;
    const file = await files.get(row.schoolId, `${row.id}-${attachment.uploadId}-a`);
    const bytes = file ? await deps.records.blobs.get(file.data.blobName) : undefined;
    if (!bytes) {
      deps.logger.warn("approvals.attachment.missing", { approvalId: row.id, uploadId: attachment.uploadId });
      continue;
    }
    try {
      const upload = await stageUpload(deps.records, {
        schoolId: row.schoolId,
        fileName: attachment.fileName,
        bytes,
        actor: a.drafter,
      });
      const { filed } = await fileRecord(deps.records, {
        schoolId: row.schoolId,
        recordId,
        actor: a.drafter,
        input: {
          uploadId: upload.uploadId,
          title: `${a.title}（添付 ${i + 1}: ${attachment.fileName}）`.slice(0, 200),
          fiscalYear: fiscalYearOf(new Date(a.completedAt ?? deps.clock().toISOString())),
          categoryCode: a.categoryCode,
          classification: a.classification,
          related: { kind: "approval", id: row.id },
          authorName: a.drafter.name,
        },
      });
      if (!filed) pending = true;
    } catch (e) {
      if (isKomuError(e) && e.status < 500) {
        deps.logger.warn("approvals.attachment.refused", { approvalId: row.id, recordId, code: e.code });
        continue;
      }
      throw e;
    }
  }
  if (pending) throw new RetryableError("an attachment is still being filed", { retryAfterSeconds: 10 });
  return current;
}
