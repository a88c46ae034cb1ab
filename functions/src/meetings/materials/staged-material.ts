/**
 * A staged upload (POST …/records/uploads) checked for a meeting: it must be the caller's own and
 * not expired (else UPLOAD_NOT_FOUND, as if it did not exist); its type is sniffed again from
 * the bytes (PDF, Word/Excel/PowerPoint (OOXML), PNG, JPEG — else FILE_TYPE_NOT_ALLOWED;
 * disguised files FILE_TYPE_MISMATCH as records does); at most MEETING_MATERIAL_MAX_BYTES; a PDF is
 * inspected (PDF_ENCRYPTED, PDF_INVALID) and its page count kept. Nothing is written.
 */
import { KomuError } from "@komu/shared";
import { inspectPdf } from "../../approvals/pdf/index.js";
import { recordsRepos } from "../../records/repos.js";
import { sniffFileType } from "../../records/staging/sniff.js";
import { fileTooLarge } from "../../records/staging/stage-upload.js";
import type { MeetingsDeps } from "../deps.js";

export const MEETING_MATERIAL_TYPES = ["pdf", "docx", "xlsx", "pptx", "png", "jpg"] as const;
export const MEETING_MATERIAL_MAX_BYTES = 100 * 1024 * 1024;

export interface StagedMaterial {
  uploadId: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  pages: number | null;
  bytes: Uint8Array;
}

export async function loadStagedMaterial(
  deps: Pick<MeetingsDeps, "storage" | "records" | "clock">,
  req: { schoolId: string; uploadId: string; uploaderOid: string },
): Promise<StagedMaterial> {
  const upload = await recordsRepos(deps.storage).uploads.get(req.schoolId, req.uploadId);
  const mine = upload && upload.data.uploadedBy.oid === req.uploaderOid ? upload : null;
  if (!mine || Date.parse(mine.data.expiresAt) <= deps.clock().getTime())
    throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId: req.uploadId } });
  const max = Math.min(MEETING_MATERIAL_MAX_BYTES, deps.records.config.maxFileBytes);
  if (mine.data.size > max) throw fileTooLarge(max, mine.data.size);
  const bytes = await deps.records.blobs.get(mine.data.blobName);
  if (!bytes) throw new KomuError("UPLOAD_NOT_FOUND", { details: { uploadId: req.uploadId, reason: "blob" } });
  const sniffed = await sniffFileType(bytes, mine.data.fileName);
  if (!(MEETING_MATERIAL_TYPES as readonly string[]).includes(sniffed.type))
    throw new KomuError("FILE_TYPE_NOT_ALLOWED", {
      message: {
        ja: "会議資料にできるのは PDF、Word・Excel・PowerPoint（docx/xlsx/pptx）、画像（PNG・JPEG）です。",
        en: "Meeting materials must be PDF, Word/Excel/PowerPoint (docx/xlsx/pptx) or images (PNG, JPEG).",
      },
      details: { uploadId: req.uploadId, type: sniffed.type, allowed: MEETING_MATERIAL_TYPES },
    });
  const pages = sniffed.type === "pdf" ? (await inspectPdf(bytes)).pageCount : null;
  return {
    uploadId: req.uploadId,
    fileName: mine.data.fileName,
    mimeType: sniffed.mimeType,
    size: bytes.byteLength,
    sha256: mine.data.sha256,
    pages,
    bytes,
  };
}
