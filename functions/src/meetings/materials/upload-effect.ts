/**
 * Outbox effect `meetings.material` (payload {meetingId, materialId, version}; dedupe per version):
 * puts a material version into the meeting's folder of the school's library and marks it ready.
 *  - version 1: a new file (records' placeFile: `conflictBehavior=fail`; on 409 the item at the
 *    path is ours when it has our size and was created after the material — a retry after a lost
 *    reply finds its own file; anyone else's file makes it take "name (2).pdf", …);
 *  - version n > 1: new content PUT to the SAME drive item (SharePoint keeps the versions); a retry
 *    first counts the item's versions, so the same version is never stored twice.
 * Then: the page texts are kept for notes (text/extractAndStoreText), the material becomes
 * `ready` (ETag, re-read on a race), the copied blob is removed, and for n > 1 the update cards
 * (`meetings.notify`, when distributed) and the notes carry-over (`meetings.reanchor`) are queued.
 * A superseded version (the chair replaced it again meanwhile) is skipped. On the last attempt
 * the material becomes `failed` with the reason (nothing half done: no item id is kept).
 */
import { isKomuError, UPLOAD_SESSION_THRESHOLD } from "@komu/shared";
import { z } from "zod";
import type { EffectHandler } from "../../outbox/types.js";
import { placeFile } from "../../records/filing/place-file.js";
import { graphStatus } from "../../records/sharepoint/graph-paths.js";
import { uploadInChunks } from "../../records/sharepoint/library.js";
import { enqueueAndDeliver, patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { MEETINGS_NOTIFY_EFFECT } from "../distribute/notify-effect.js";
import { meetingsRepos } from "../entities.js";
import { MEETINGS_REANCHOR_EFFECT } from "../notes/carry-effect.js";
import { extractAndStoreText } from "../text/store-text.js";
import { materialBlobName } from "./add-material.js";
import { ensureMeetingFolders } from "./folder.js";
import { materialFolderPath, subfolderOf } from "./folder-layout.js";

export const MEETINGS_MATERIAL_EFFECT = "meetings.material";
export const MATERIAL_MAX_ATTEMPTS = 8;

const Payload = z.object({
  meetingId: z.string().min(1),
  materialId: z.string().min(1),
  version: z.number().int().positive(),
});

export function materialUploadHandler(deps: MeetingsDeps): EffectHandler {
  return async (raw, attempt, info) => {
    const { meetingId, materialId, version } = Payload.parse(raw);
    const schoolId = info.schoolId;
    const row = await meetingsRepos(deps.storage).meetings.get(schoolId, meetingId);
    const material = row?.data.materials.find((m) => m.id === materialId);
    if (!row || !material || material.version !== version || material.status === "ready") return;
    const blobName = materialBlobName(schoolId, meetingId, materialId, version);
    try {
      const folders = await ensureMeetingFolders(deps, schoolId, meetingId, row.data, {
        subfolders: [subfolderOf(material.classification)],
      });
      let driveItemId = material.driveItemId;
      if (version === 1 || !driveItemId) {
        const placed = await placeFile(deps.graph, folders.api, deps.records.blobs, {
          recordId: `meeting-${materialId}`,
          folderPath: materialFolderPath(folders.folderPath, material.classification),
          fileName: material.fileName,
          size: material.size,
          mimeType: material.mimeType,
          blobName,
          createdAt: material.uploadedAt,
          attempt,
          signal: info.signal,
        });
        driveItemId = placed.item.id;
      } else {
        const versions = attempt > 1 ? await folders.api.versions(driveItemId) : [];
        if (versions.length < version) {
          if (material.size <= UPLOAD_SESSION_THRESHOLD) {
            const bytes = await deps.records.blobs.get(blobName);
            if (!bytes) throw new Error(`meetings.material: the copied bytes ${blobName} are gone`);
            await folders.api.putVersion(driveItemId, bytes, material.mimeType);
          } else {
            const url = await folders.api.createUploadSession({ itemId: driveItemId }, material.size);
            await uploadInChunks(
              deps.graph,
              url,
              material.size,
              (o, l) => deps.records.blobs.getRange(blobName, o, l),
              info.signal,
            );
          }
        }
      }
      const bytes = material.mimeType === "application/pdf" ? await deps.records.blobs.get(blobName) : null;
      await extractAndStoreText(deps, {
        schoolId,
        meetingId,
        materialId,
        version,
        mimeType: material.mimeType,
        bytes: bytes ?? new Uint8Array(),
      }).catch((e) => deps.logger.warn("meetings.material: page texts not kept", { materialId, error: String(e) }));
      const itemId = driveItemId;
      const saved = await patchMeeting(deps, schoolId, meetingId, (r) => {
        const m = r.materials.find((x) => x.id === materialId);
        if (!m || m.version !== version || m.status === "ready") return null;
        return {
          ...r,
          materials: r.materials.map((x) => (x.id === materialId ? { ...x, driveItemId: itemId, status: "ready" } : x)),
        };
      });
      await deps.records.blobs.delete(blobName).catch(() => undefined);
      if (version > 1 && saved) {
        await enqueueAndDeliver(deps, {
          kind: MEETINGS_REANCHOR_EFFECT,
          schoolId,
          payload: { schoolId, meetingId, materialId, version },
          dedupeKey: `${meetingId}:${materialId}:v${version}`,
        });
        if (saved.data.status === "distributed")
          await enqueueAndDeliver(deps, {
            kind: MEETINGS_NOTIFY_EFFECT,
            schoolId,
            payload: { meetingId, materialId, version },
            dedupeKey: `${meetingId}:${materialId}:v${version}`,
          });
      }
    } catch (e) {
      const permanent = attempt >= MATERIAL_MAX_ATTEMPTS || (isKomuError(e) && e.status < 500 && e.status !== 429);
      if (!permanent) throw e;
      const status = graphStatus(e);
      const failure = isKomuError(e)
        ? `${e.code}: ${e.text.ja}`
        : `SharePoint が資料の保存を拒否しました（${status ?? "接続エラー"}）。/ SharePoint refused the material (${status ?? "connection error"}).`;
      await patchMeeting(deps, schoolId, meetingId, (r) => ({
        ...r,
        materials: r.materials.map((x) =>
          x.id === materialId && x.version === version && x.status === "uploading"
            ? { ...x, status: "failed" as const, failure: failure.slice(0, 500) }
            : x,
        ),
      }));
      throw e;
    }
  };
}
