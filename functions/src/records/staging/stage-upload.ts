/**
 * POST …/records/uploads: checks a file and keeps it in blob storage for 24 h until it is filed.
 * Refused, with nothing stored: too large (FILE_TOO_LARGE, the limit in details), empty, a name
 * SharePoint refuses (FILE_NAME_INVALID with the reason), a type not accepted or disguised
 * (sniff.ts).
 */
import { createHash } from "node:crypto";
import { KomuError, NAME_PROBLEM_TEXT, sharePointNameProblem, type UploadView } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { UploadData } from "../entities.js";
import { newUploadId } from "../ids.js";
import { recordsRepos } from "../repos.js";
import { sniffFileType } from "./sniff.js";

export const UPLOAD_TTL_MS = 24 * 3600_000;

export interface StageUploadInput {
  schoolId: string;
  fileName: string;
  bytes: Uint8Array;
  actor: { oid: string; name: string };
}

export function fileTooLarge(maxBytes: number, size?: number): KomuError {
  const mb = Math.floor(maxBytes / (1024 * 1024));
  return new KomuError("FILE_TOO_LARGE", {
    message: {
      ja: `ファイルが大きすぎます（上限 ${mb} MB）。分割するか圧縮してください。`,
      en: `The file is too large (limit ${mb} MB). Split or compress it.`,
    },
    details: { maxBytes, ...(size !== undefined ? { size } : {}) },
  });
}

/** The X-Komu-File-Name header (percent-encoded UTF-8) → the name, or FILE_NAME_INVALID. */
export function decodeFileNameHeader(header: string | undefined): string {
  let name = "";
  try {
    name = decodeURIComponent(header ?? "").normalize("NFC");
  } catch {
    throw new KomuError("FILE_NAME_INVALID", { details: { problem: "encoding", header: header?.slice(0, 300) } });
  }
  return name;
}

export function checkFileName(name: string): void {
  const problem = sharePointNameProblem(name);
  if (!problem) return;
  const text = NAME_PROBLEM_TEXT[problem];
  throw new KomuError("FILE_NAME_INVALID", {
    message: { ja: `このファイル名は使えません。${text.ja}`, en: `This file name cannot be used. ${text.en}` },
    details: { problem, reason: text, fileName: name.slice(0, 300) },
  });
}

export function toUploadView(row: StoredEntity<UploadData>): UploadView {
  const u = row.data;
  return {
    uploadId: row.id,
    fileName: u.fileName,
    size: u.size,
    sha256: u.sha256,
    mimeType: u.mimeType,
    expiresAt: u.expiresAt,
  };
}

export async function stageUpload(deps: RecordsDeps, input: StageUploadInput): Promise<UploadView> {
  const { schoolId, fileName, bytes } = input;
  if (bytes.byteLength > deps.config.maxFileBytes) throw fileTooLarge(deps.config.maxFileBytes, bytes.byteLength);
  if (bytes.byteLength === 0) throw new KomuError("FILE_EMPTY");
  checkFileName(fileName);
  const sniffed = await sniffFileType(bytes, fileName);

  const uploadId = newUploadId();
  const blobName = `${schoolId}/${uploadId}`;
  await deps.blobs.put(blobName, bytes, sniffed.mimeType);
  const now = deps.clock();
  const row = await recordsRepos(deps.storage).uploads.create(schoolId, uploadId, {
    fileName,
    size: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    mimeType: sniffed.mimeType,
    blobName,
    uploadedBy: input.actor,
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString().replace(/\.\d{3}Z$/, ".000Z"),
    usedBy: null,
  });
  return toUploadView(row);
}
