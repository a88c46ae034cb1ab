/**
 * A person's registered seal image (印影の画像), used instead of the drawn imprint on the PDFs
 * they approve in that school: a PNG (transparent background recommended), 32–1,000 px square-ish,
 * at most 512 KB. Kept in the uploads container under `seals/<schoolId>/<oid>` with an
 * `approvalSealImage:<oid>` row; set, read and removed by the person only; audited.
 */
import { createHash } from "node:crypto";
import { KomuError, type Principal } from "@komu/shared";
import { z } from "zod";
import { defineEntity, type Storage } from "../../storage/index.js";
import type { ApprovalsDeps } from "../deps.js";

export const SEAL_IMAGE_MAX_BYTES = 512 * 1024;

export const sealImageEntity = defineEntity({
  kind: "approvalSealImage",
  schema: z.object({
    blobName: z.string(),
    sha256: z.string(),
    size: z.number().int().positive(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
});

export interface SealImageView {
  sha256: string;
  size: number;
  width: number;
  height: number;
  updatedAt: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's IHDR, or IMAGE_INVALID. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const ok =
    bytes.byteLength > 24 &&
    PNG_SIGNATURE.every((b, i) => bytes[i] === b) &&
    String.fromCharCode(...bytes.slice(12, 16)) === "IHDR";
  if (!ok)
    throw new KomuError("IMAGE_INVALID", {
      message: { ja: "印影の画像は PNG にしてください。", en: "The seal image must be a PNG." },
    });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const repo = (storage: Pick<Storage, "entities">) => storage.entities.repo(sealImageEntity);

export async function putSealImage(
  deps: Pick<ApprovalsDeps, "storage" | "records">,
  req: { schoolId: string; principal: Principal; bytes: Uint8Array },
): Promise<SealImageView> {
  const { bytes, schoolId, principal } = req;
  if (bytes.byteLength > SEAL_IMAGE_MAX_BYTES)
    throw new KomuError("PAYLOAD_TOO_LARGE", { details: { maxBytes: SEAL_IMAGE_MAX_BYTES } });
  const { width, height } = pngSize(bytes);
  if (
    width < 32 ||
    height < 32 ||
    width > 1000 ||
    height > 1000 ||
    Math.max(width, height) / Math.min(width, height) > 2
  )
    throw new KomuError("IMAGE_INVALID", {
      message: {
        ja: "印影の画像は 32〜1000 ピクセルの、正方形に近い PNG にしてください。",
        en: "The seal image must be a PNG of 32–1000 pixels, close to square.",
      },
      details: { width, height },
    });
  const blobName = `seals/${schoolId}/${principal.oid}`;
  await deps.records.blobs.put(blobName, bytes, "image/png");
  const data = {
    blobName,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.byteLength,
    width,
    height,
  };
  const existing = await repo(deps.storage).get(schoolId, principal.oid);
  const row = existing
    ? await repo(deps.storage).update(schoolId, principal.oid, data, existing.etag)
    : await repo(deps.storage).create(schoolId, principal.oid, data);
  const actor = { oid: principal.oid, name: principal.name };
  const target = { kind: "approvalSealImage", id: principal.oid };
  await deps.storage.audit.append(
    schoolId,
    existing
      ? {
          kind: "entity.updated",
          actor,
          target,
          data: { changes: { sha256: { from: existing.data.sha256, to: data.sha256 } } },
        }
      : { kind: "entity.created", actor, target, data: { snapshot: { sha256: data.sha256, width, height } } },
  );
  return { sha256: data.sha256, size: data.size, width, height, updatedAt: row.updatedAt };
}

export async function getSealImage(
  deps: Pick<ApprovalsDeps, "storage" | "records">,
  schoolId: string,
  oid: string,
): Promise<{ view: SealImageView; png: Uint8Array } | null> {
  const row = await repo(deps.storage).get(schoolId, oid);
  if (!row) return null;
  const png = await deps.records.blobs.get(row.data.blobName);
  if (!png) return null;
  const { sha256, size, width, height } = row.data;
  return { view: { sha256, size, width, height, updatedAt: row.updatedAt }, png };
}

export async function deleteSealImage(
  deps: Pick<ApprovalsDeps, "storage" | "records">,
  req: { schoolId: string; principal: Principal },
): Promise<void> {
  const row = await repo(deps.storage).get(req.schoolId, req.principal.oid);
  if (!row) return;
  await repo(deps.storage).delete(req.schoolId, req.principal.oid, row.etag);
  await deps.records.blobs.delete(row.data.blobName);
  await deps.storage.audit.append(req.schoolId, {
    kind: "entity.deleted",
    actor: { oid: req.principal.oid, name: req.principal.name },
    target: { kind: "approvalSealImage", id: req.principal.oid },
    data: { snapshot: { sha256: row.data.sha256 } },
  });
}
