/**
 * Outbox effect `approvals.finalize`, enqueued when an approval is 決裁済. Idempotent and
 * resumable: each step's result is kept on the approval row (ETag) before the next one runs.
 *   1. the record id is chosen and the filing marked `pending`;
 *   2. the 文書番号 is claimed in the template's register (`assignNumber`, `dispatch` = 発送簿);
 *   3. the original PDF is sealed (`sealPdf`: 印影 in the 押印欄 or a stamp band, the 決裁証明
 *      page with a verification code) and the seal recorded for verification (`recordSeal`);
 *      audited approval.sealed;
 *   4. the sealed PDF is filed in the records library (`fileRecord`: the draft's category and
 *      classification, related {kind: "approval"}, the number) and linked; audited
 *      approval.filed; the attachments are filed too (file-attachments.ts); the register line is
 *      marked filed; the cards are updated.
 * A filing still under way (the records worker retries) is retried later; a PDF the sealing
 * refuses (a 4xx KomuError: encrypted, broken, too large) marks the filing `failed` with the code.
 */
import { fiscalYearOf, isKomuError, type RecordNumber } from "@komu/shared";
import { z } from "zod";
import { RetryableError } from "../../outbox/errors.js";
import type { EffectHandler } from "../../outbox/types.js";
import { registerEntryEntity } from "../../records/entities.js";
import { fileRecord } from "../../records/filing/file-record.js";
import { newRecordId } from "../../records/ids.js";
import { assignNumber } from "../../records/registers/assign-number.js";
import { stageUpload } from "../../records/staging/stage-upload.js";
import type { StoredEntity } from "../../storage/index.js";
import { APPROVALS_CARDS_EFFECT } from "../cards/notify-effect.js";
import type { ApprovalsDeps } from "../deps.js";
import { type ApprovalRow, approvalsRepos } from "../entities.js";
import { newVerificationCode, sealPdf } from "../pdf/index.js";
import { recordSeal } from "../pdf/seal-registry.js";
import { getSealImage } from "../seals/seal-image.js";
import { approvalOf } from "../view.js";
import { fileAttachments } from "./file-attachments.js";
import { sealDecisionsOf, sealersOf, surnameOf } from "./seal-decisions.js";

export const APPROVALS_FINALIZE_EFFECT = "approvals.finalize";
export const sealedBlobName = (schoolId: string, approvalId: string) => `approvals/${schoolId}/${approvalId}-sealed`;
export const FinalizePayload = z.object({ approvalId: z.string() });

const sealedFileName = (title: string) =>
  `${
    title
      .replace(/[\\/:*?"<>|#%]/g, "_")
      .replace(/\p{Cc}/gu, "_")
      .trim()
      .slice(0, 100) || "決裁文書"
  }.pdf`;

export function approvalsFinalizeHandler(
  deps: Pick<ApprovalsDeps, "storage" | "records" | "clock" | "logger" | "signing" | "verifyUrl"> & {
    schoolName?: (id: string) => Promise<string | undefined>;
  },
): EffectHandler {
  return async (raw, _attempt, info) => {
    const { approvalId } = FinalizePayload.parse(raw);
    const repo = approvalsRepos(deps.storage).approvals;
    const schoolId = info.schoolId;
    let row = await repo.get(schoolId, approvalId);
    if (row?.data.status !== "approved" || row.data.filing.status === "filed") return;
    const save = async (patch: Partial<ApprovalRow>, current: StoredEntity<ApprovalRow>) =>
      repo.update(schoolId, approvalId, { ...current.data, ...patch }, current.etag);
    const actor = row.data.drafter;

    // 1. record id, pending
    if (!row.data.filing.recordId || row.data.filing.status !== "pending")
      row = await save(
        {
          filing: {
            ...row.data.filing,
            status: "pending",
            recordId: row.data.filing.recordId ?? newRecordId(deps.clock()),
            error: null,
            verificationCode: row.data.filing.verificationCode ?? newVerificationCode(),
          },
        },
        row,
      );
    const recordId = row.data.filing.recordId as string;
    const verificationCode = row.data.filing.verificationCode as string;

    // 2. 文書番号
    if (row.data.numberRegister && !row.data.registerNumber) {
      const completed = new Date(row.data.completedAt ?? deps.clock().toISOString());
      const { entry, number } = await assignNumber(
        { storage: deps.storage },
        {
          schoolId,
          register: row.data.numberRegister,
          date: completed.toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" }),
          title: row.data.title,
          counterpart: "",
          channel: "system",
          categoryCode: row.data.categoryCode,
          classification: row.data.classification,
          recordId,
          actor,
          claimId: `approval-${approvalId}`,
        },
      );
      row = await save(
        { registerNumber: { ...number, entryId: entry.id }, filing: { ...row.data.filing, number: number.text } },
        row,
      );
    }
    const approval = approvalOf(row);
    const registerNumber = row.data.registerNumber ?? null;

    // 3. seal
    const main = approval.main;
    const file = main ? await approvalsRepos(deps.storage).files.get(schoolId, `${approvalId}-${main.uploadId}`) : null;
    const original = file ? await deps.records.blobs.get(file.data.blobName) : undefined;
    if (!main || !original) {
      await save({ filing: { ...row.data.filing, status: "failed", error: "MAIN_DOCUMENT_MISSING" } }, row);
      return;
    }
    // Registered seal images (印影の画像) of the people who stamp, where they have one.
    const sealImages = (
      await Promise.all(
        sealersOf(approval).map(async (p) => {
          const found = await getSealImage(deps, schoolId, p.oid);
          return found ? [{ name: p.name, png: found.png }] : [];
        }),
      )
    ).flat();
    let sealed: Awaited<ReturnType<typeof sealPdf>>;
    try {
      sealed = await sealPdf({
        schoolId,
        ...(deps.schoolName ? { schoolName: (await deps.schoolName(schoolId)) ?? schoolId } : {}),
        approvalId,
        original,
        title: approval.title,
        documentNumber: approval.filing.number ?? "",
        drafter: { name: approval.drafter.name, surname: surnameOf(approval.drafter.name) },
        ...(approval.submittedAt ? { submittedAt: approval.submittedAt } : {}),
        decisions: sealDecisionsOf(approval),
        sha256: main.sha256,
        verificationCode,
        ...(sealImages.length > 0 ? { sealImages } : {}),
        ...(deps.signing ? { signing: deps.signing } : {}),
        ...(deps.verifyUrl ? { verifyUrl: deps.verifyUrl } : {}),
        ...(approval.completedAt ? { sealedAt: approval.completedAt } : {}),
      });
    } catch (e) {
      if (isKomuError(e) && e.status < 500) {
        await save({ filing: { ...row.data.filing, status: "failed", error: e.code } }, row);
        return;
      }
      throw e;
    }
    await recordSeal(deps.storage.entities, {
      schoolId,
      approvalId,
      verificationCode,
      sealedSha256: sealed.sha256,
      title: approval.title,
      documentNumber: approval.filing.number ?? "",
      sealedAt: sealed.metadata.sealedAt,
      recordId,
      pageCount: sealed.pageCount,
    });
    if (sealed.missingGlyphs.length > 0)
      deps.logger.warn("approvals.seal.missingGlyphs", { approvalId, characters: sealed.missingGlyphs.join("") });
    // Kept beside the original: the tab shows the sealed PDF after 決裁 (…/content).
    await deps.records.blobs.put(sealedBlobName(schoolId, approvalId), sealed.bytes, "application/pdf");
    if (row.data.filing.sealedSha256 !== sealed.sha256) {
      // Audit first: a crash before the row is saved repeats the entry rather than losing it.
      await deps.storage.audit.append(schoolId, {
        kind: "approval.sealed",
        actor: { oid: "system", name: "Kōmu" },
        target: { kind: "approval", id: approvalId },
        data: { sha256Original: main.sha256, sha256Sealed: sealed.sha256, seals: sealed.imprints, verificationCode },
      });
      row = await save({ filing: { ...row.data.filing, sealedSha256: sealed.sha256 } }, row);
    }

    // 4. file
    const upload = await stageUpload(deps.records, {
      schoolId,
      fileName: sealedFileName(approval.title),
      bytes: sealed.bytes,
      actor,
    });
    const number: RecordNumber | undefined = registerNumber
      ? {
          register: registerNumber.register,
          fiscalYear: registerNumber.fiscalYear,
          serial: registerNumber.serial,
          text: registerNumber.text,
        }
      : undefined;
    const { filed } = await fileRecord(deps.records, {
      schoolId,
      recordId,
      actor,
      ...(number ? { number } : {}),
      input: {
        uploadId: upload.uploadId,
        title: approval.title,
        fiscalYear: fiscalYearOf(new Date(approval.completedAt ?? deps.clock().toISOString())),
        categoryCode: approval.categoryCode,
        classification: approval.classification,
        related: { kind: "approval", id: approvalId },
        authorName: approval.drafter.name,
      },
    });
    if (!filed) throw new RetryableError("the sealed PDF is still being filed", { retryAfterSeconds: 10 });
    row = await fileAttachments(deps, await repo.require(schoolId, approvalId));
    if (registerNumber) {
      const entries = deps.storage.entities.repo(registerEntryEntity);
      const entry = await entries.get(schoolId, registerNumber.entryId);
      if (entry && entry.data.status === "reserved")
        await entries
          .update(schoolId, entry.id, { status: "filed" }, entry.etag, { mode: "merge" })
          .catch((e) => deps.logger.warn("approvals.registerLine.notMarked", { error: String(e), approvalId }));
    }
    // Audited and published before the row says "filed" (the step that ends retries): a crash in
    // between repeats them rather than losing them.
    await deps.storage.audit.append(schoolId, {
      kind: "approval.filed",
      actor: { oid: "system", name: "Kōmu" },
      target: { kind: "approval", id: approvalId },
      data: { recordId, ...(number ? { number: number.text } : {}) },
    });
    await deps.storage.outbox.enqueue({
      kind: APPROVALS_CARDS_EFFECT,
      schoolId,
      payload: { approvalId, notify: [], notices: [] },
      dedupeKey: `${approvalId}:filed`,
    });
    await save({ filing: { ...row.data.filing, status: "filed", recordId, error: null } }, row);
  };
}
