/**
 * Keeps a staged upload's bytes for the approval's life: the drafter's own upload (POST
 * …/records/uploads: size, name and type already checked from the bytes) is copied to
 * `approvals/<schoolId>/<approvalId>/<uploadId>` with an approvalFile row (staged uploads expire
 * in 24 h; an approval can take weeks). Idempotent: an existing row is reused.
 */
import { type ApprovalFile, isKomuError, KomuError } from "@komu/shared";
import { recordsRepos } from "../../records/repos.js";
import type { ApprovalsDeps } from "../deps.js";
import { approvalsRepos } from "../entities.js";

export type FileRole = "main" | "attachment";

const MAIN_TYPES = ["application/pdf"];

export async function attachFile(
  deps: Pick<ApprovalsDeps, "storage" | "records" | "clock">,
  req: { schoolId: string; approvalId: string; uploadId: string; drafterOid: string; role: FileRole },
): Promise<ApprovalFile> {
  const { files } = approvalsRepos(deps.storage);
  const fileId = `${req.approvalId}-${req.uploadId}`;
  const existing = await files.get(req.schoolId, fileId);
  const file =
    existing?.data ??
    (await (async () => {
      const upload = await recordsRepos(deps.storage).uploads.get(req.schoolId, req.uploadId);
      const mine = upload && upload.data.uploadedBy.oid === req.drafterOid ? upload : null;
      if (!mine || Date.parse(mine.data.expiresAt) <= deps.clock().getTime())
        throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId: req.uploadId } });
      const bytes = await deps.records.blobs.get(mine.data.blobName);
      if (!bytes) throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId: req.uploadId, reason: "blob" } });
      const blobName = `approvals/${req.schoolId}/${req.approvalId}/${req.uploadId}`;
      await deps.records.blobs.put(blobName, bytes, mine.data.mimeType);
      const data = {
        approvalId: req.approvalId,
        blobName,
        fileName: mine.data.fileName,
        size: mine.data.size,
        sha256: mine.data.sha256,
        mimeType: mine.data.mimeType,
      };
      try {
        await files.create(req.schoolId, fileId, data);
      } catch (e) {
        if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
      }
      return data;
    })());
  if (req.role === "main" && !MAIN_TYPES.includes(file.mimeType))
    throw new KomuError("FILE_TYPE_NOT_ALLOWED", {
      message: {
        ja: "本文は PDF にしてください（画像の PDF 化は準備中です。Word・Excel などは添付資料にできます）。",
        en: "The main document must be a PDF (images into PDF pages: not built yet; Office files can be attachments).",
      },
      details: { uploadId: req.uploadId, mimeType: file.mimeType },
    });
  return {
    uploadId: req.uploadId,
    fileName: file.fileName,
    size: file.size,
    sha256: file.sha256,
    mimeType: file.mimeType,
  };
}
