/**
 * Keeps a staged upload's bytes for the approval's life: the drafter's own upload (POST
 * …/records/uploads: size, name and type already checked from the bytes) is copied to
 * `approvals/<schoolId>/<approvalId>/<uploadId>` with an approvalFile row (staged uploads expire
 * in 24 h; an approval can take weeks). Idempotent: an existing row is reused.
 * The main document must be one the sealing can take: a PDF is inspected now (encrypted,
 * broken, too large or already sealed by Kōmu are refused with their own codes, not at 決裁);
 * a PNG/JPEG image becomes a one-page PDF (imagesToPdf), kept as the main document.
 */
import { type ApprovalFile, isKomuError, KomuError } from "@komu/shared";
import { recordsRepos } from "../../records/repos.js";
import type { ApprovalsDeps } from "../deps.js";
import { approvalsRepos } from "../entities.js";
import { imagesToPdf, inspectPdf, sha256Hex } from "../pdf/index.js";

export type FileRole = "main" | "attachment";

const IMAGE_TYPES = ["image/png", "image/jpeg"] as const;
type ImageType = (typeof IMAGE_TYPES)[number];
const isImage = (t: string): t is ImageType => (IMAGE_TYPES as readonly string[]).includes(t);

/** The main document as it will be sealed: a checked PDF, or the image as a one-page PDF. */
async function mainBytes(bytes: Uint8Array, mimeType: string, uploadId: string): Promise<Uint8Array> {
  if (isImage(mimeType)) return imagesToPdf([{ bytes, mediaType: mimeType }]);
  if (mimeType !== "application/pdf")
    throw new KomuError("FILE_TYPE_NOT_ALLOWED", {
      message: {
        ja: "本文は PDF または画像（PNG・JPEG）にしてください。Word・Excel などは添付資料にできます。",
        en: "The main document must be a PDF or an image (PNG, JPEG); Office files can be attachments.",
      },
      details: { uploadId, mimeType },
    });
  const inspection = await inspectPdf(bytes);
  if (inspection.komuSealed)
    throw new KomuError("VALIDATION_FAILED", {
      message: {
        ja: "この PDF はすでに Kōmu で決裁済み（押印済み）です。元の文書を添付してください。",
        en: "This PDF is already sealed by Kōmu. Attach the original document.",
      },
      details: { uploadId, reason: "alreadySealed" },
    });
  return bytes;
}

export async function attachFile(
  deps: Pick<ApprovalsDeps, "storage" | "records" | "clock">,
  req: { schoolId: string; approvalId: string; uploadId: string; drafterOid: string; role: FileRole },
): Promise<ApprovalFile> {
  const { files } = approvalsRepos(deps.storage);
  const fileId = `${req.approvalId}-${req.uploadId}${req.role === "main" ? "" : "-a"}`;
  const existing = await files.get(req.schoolId, fileId);
  const file =
    existing?.data ??
    (await (async () => {
      const upload = await recordsRepos(deps.storage).uploads.get(req.schoolId, req.uploadId);
      const mine = upload && upload.data.uploadedBy.oid === req.drafterOid ? upload : null;
      if (!mine || Date.parse(mine.data.expiresAt) <= deps.clock().getTime())
        throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId: req.uploadId } });
      const staged = await deps.records.blobs.get(mine.data.blobName);
      if (!staged) throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId: req.uploadId, reason: "blob" } });
      const bytes = req.role === "main" ? await mainBytes(staged, mine.data.mimeType, req.uploadId) : staged;
      const converted = bytes !== staged;
      const blobName = `approvals/${req.schoolId}/${fileId}`;
      const mimeType = converted ? "application/pdf" : mine.data.mimeType;
      await deps.records.blobs.put(blobName, bytes, mimeType);
      const data = {
        approvalId: req.approvalId,
        blobName,
        fileName: converted ? `${mine.data.fileName.replace(/\.[^.]*$/, "")}.pdf` : mine.data.fileName,
        size: bytes.byteLength,
        sha256: converted ? sha256Hex(bytes) : mine.data.sha256,
        mimeType,
      };
      try {
        await files.create(req.schoolId, fileId, data);
      } catch (e) {
        if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
      }
      return data;
    })());
  return {
    uploadId: req.uploadId,
    fileName: file.fileName,
    size: file.size,
    sha256: file.sha256,
    mimeType: file.mimeType,
  };
}
