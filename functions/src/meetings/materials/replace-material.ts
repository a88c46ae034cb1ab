/**
 * PUT …/materials/{materialId}/content (If-Match; the chair): a new version of a material. The
 * staged upload is checked like a new material; the material keeps its drive item (SharePoint
 * keeps the versions), its version +1 with the chair's change note, `uploading` until the effect
 * `meetings.material` has PUT the new content to the same item; audited `meeting.material`
 * replaced. When that is done the effect enqueues the update cards (`meetings.notify`, once the
 * meeting is distributed) and the notes carry-over (`meetings.reanchor`).
 */
import { KomuError, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, ensureNotCancelled, loadMeetingFor } from "../access.js";
import { actorOf } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";
import { enqueueMaterialUpload, materialBlobName } from "./add-material.js";
import { loadStagedMaterial } from "./staged-material.js";

export async function replaceMaterial(
  deps: MeetingsDeps,
  req: {
    schoolId: string;
    meetingId: string;
    materialId: string;
    principal: Principal;
    etag: string;
    input: { uploadId: string; changeNote: string };
  },
): Promise<StoredEntity<MeetingRow>> {
  const { schoolId, meetingId, materialId, principal, input } = req;
  const row = await loadMeetingFor(deps, principal, schoolId, meetingId, "manage");
  ensureNotCancelled(row);
  const current = row.data.materials.find((m) => m.id === materialId);
  if (!current) throw new KomuError("NOT_FOUND", { details: { kind: "material", id: materialId } });
  ensureEtag(row, req.etag);
  if (current.status !== "ready" || !current.driveItemId)
    throw new KomuError("MEETING_MATERIAL_NOT_READY", { details: { materialId, status: current.status } });
  const staged = await loadStagedMaterial(deps, { schoolId, uploadId: input.uploadId, uploaderOid: principal.oid });
  const version = current.version + 1;
  await deps.records.blobs.put(
    materialBlobName(schoolId, meetingId, materialId, version),
    staged.bytes,
    staged.mimeType,
  );
  const next: MeetingRow = {
    ...row.data,
    materials: row.data.materials.map((m) =>
      m.id === materialId
        ? {
            ...m,
            mimeType: staged.mimeType,
            size: staged.size,
            sha256: staged.sha256,
            pages: staged.pages,
            version,
            uploadedAt: deps.clock().toISOString(),
            uploadedBy: actorOf(principal),
            changeNote: input.changeNote,
            status: "uploading" as const,
          }
        : m,
    ),
  };
  await meetingsRepos(deps.storage).meetings.update(schoolId, meetingId, next, req.etag);
  await deps.storage.audit.append(schoolId, {
    kind: "meeting.material",
    actor: actorOf(principal),
    target: { kind: "meeting", id: meetingId },
    data: { action: "replaced", materialId, version, sha256: staged.sha256, classification: current.classification },
  });
  await enqueueMaterialUpload(deps, schoolId, meetingId, materialId, version);
  const saved = await meetingsRepos(deps.storage).meetings.get(schoolId, meetingId);
  if (!saved) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: meetingId } });
  return saved;
}
