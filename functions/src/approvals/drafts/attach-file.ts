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
  req: {
    schoolId: string;
    approvalId: string;
    uploadId: string;
    drafterOid: string;
    role: FileRole;
    /** Main only: more images, one page each after the main image (photos of a paper document). */
    pageUploadIds?: readonly string[];
  },
): Promise<ApprovalFile> {
  const { files } = approvalsRepos(deps.storage);
  const pages = req.role === "main" ? [...(req.pageUploadIds ?? [])] : [];
  // Several images make one PDF: its key names the first upload and the list (a different list is another file).
  const fileKey =
    pages.length > 0
      ? `${req.uploadId}-p${sha256Hex(new TextEncoder().encode(pages.join(","))).slice(0, 8)}`
      : req.uploadId;
  const fileId = `${req.approvalId}-${fileKey}${req.role === "main" ? "" : "-a"}`;
  const existing = await files.get(req.schoolId, fileId);

  const loadStaged = async (uploadId: string) => {
    const upload = await recordsRepos(deps.storage).uploads.get(req.schoolId, uploadId);
    const mine = upload && upload.data.uploadedBy.oid === req.drafterOid ? upload : null;
    if (!mine || Date.parse(mine.data.expiresAt) <= deps.clock().getTime())
      throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId } });
    const bytes = await deps.records.blobs.get(mine.data.blobName);
    if (!bytes) throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId, reason: "blob" } });
    return { data: mine.data, bytes };
  };

  const file =
    existing?.data ??
    (await (async () => {
      const first = await loadStaged(req.uploadId);
      let bytes = first.bytes;
      if (pages.length > 0) {
        const all = [first, ...(await Promise.all(pages.map(loadStaged)))];
        const images = all.flatMap((f) =>
          isImage(f.data.mimeType) ? [{ bytes: f.bytes, mediaType: f.data.mimeType }] : [],
        );
        if (images.length !== all.length)
          throw new KomuError("FILE_TYPE_NOT_ALLOWED", {
            message: {
              ja: "複数ページにできるのは画像（PNG・JPEG）だけです。",
              en: "Only images (PNG, JPEG) can be combined into pages.",
            },
            details: { uploadIds: [req.uploadId, ...pages] },
          });
        bytes = await imagesToPdf(images as { bytes: Uint8Array; mediaType: ImageType }[]);
      } else if (req.role === "main") bytes = await mainBytes(first.bytes, first.data.mimeType, req.uploadId);
      const converted = bytes !== first.bytes;
      const blobName = `approvals/${req.schoolId}/${fileId}`;
      const mimeType = converted ? "application/pdf" : first.data.mimeType;
      await deps.records.blobs.put(blobName, bytes, mimeType);
      const data = {
        approvalId: req.approvalId,
        blobName,
        fileName: converted ? `${first.data.fileName.replace(/\.[^.]*$/, "")}.pdf` : first.data.fileName,
        size: bytes.byteLength,
        sha256: converted ? sha256Hex(bytes) : first.data.sha256,
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
    uploadId: fileKey,
    fileName: file.fileName,
    size: file.size,
    sha256: file.sha256,
    mimeType: file.mimeType,
  };
}
