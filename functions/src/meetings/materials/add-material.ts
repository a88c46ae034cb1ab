/**
 * POST …/meetings/{id}/materials (the chair): a staged upload becomes a material. Checked first
 * (loadStagedMaterial: the caller's own upload, type from the bytes, size, PDF encryption), so a
 * refused file leaves nothing anywhere. Then the bytes are copied to the meeting's blob (staged
 * uploads expire in 24 h), the material is added to the row as `uploading` (ETag, re-read on a
 * race), audited `meeting.material` added, and the outbox effect `meetings.material` puts it in
 * the meeting's folder (delivered inline once; the worker retries). The material id is derived
 * from the upload, so adding the same upload again answers the same material.
 */
import { createHash } from "node:crypto";
import { type Classification, KomuError, type Material, type Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { ensureNotCancelled, loadMeetingFor } from "../access.js";
import { actorOf, enqueueAndDeliver, patchMeeting, searchTextOf } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";
import { loadStagedMaterial } from "./staged-material.js";
import { MEETINGS_MATERIAL_EFFECT } from "./upload-effect.js";

export const materialIdFor = (meetingId: string, uploadId: string) =>
  `m${createHash("sha256").update(`${meetingId}\n${uploadId}`).digest("hex").slice(0, 15)}`;

export const materialBlobName = (schoolId: string, meetingId: string, materialId: string, version: number) =>
  `meetings/${schoolId}/${meetingId}/${materialId}-v${version}`;

export async function addMaterial(
  deps: MeetingsDeps,
  req: {
    schoolId: string;
    meetingId: string;
    principal: Principal;
    input: { uploadId: string; title: string; classification: Classification; agendaItemId?: string | undefined };
  },
): Promise<StoredEntity<MeetingRow>> {
  const { schoolId, meetingId, principal, input } = req;
  const row = await loadMeetingFor(deps, principal, schoolId, meetingId, "manage");
  ensureNotCancelled(row);
  const materialId = materialIdFor(meetingId, input.uploadId);
  if (row.data.materials.some((m) => m.id === materialId)) return row;
  if (input.agendaItemId && !row.data.agenda.some((a) => a.id === input.agendaItemId))
    throw new KomuError("VALIDATION_FAILED", {
      message: { ja: "指定した議題がありません。", en: "The agenda item does not exist." },
      details: { agendaItemId: input.agendaItemId },
    });
  if (row.data.materials.length >= 50)
    throw new KomuError("VALIDATION_FAILED", {
      message: { ja: "資料は 1 つの会議に 50 件までです。", en: "A meeting can have at most 50 materials." },
      details: { max: 50 },
    });
  const staged = await loadStagedMaterial(deps, {
    schoolId,
    uploadId: input.uploadId,
    uploaderOid: principal.oid,
  });
  const blobName = materialBlobName(schoolId, meetingId, materialId, 1);
  await deps.records.blobs.put(blobName, staged.bytes, staged.mimeType);
  const material: Material = {
    id: materialId,
    title: input.title,
    fileName: staged.fileName,
    mimeType: staged.mimeType,
    size: staged.size,
    classification: input.classification,
    driveItemId: null,
    version: 1,
    sha256: staged.sha256,
    pages: staged.pages,
    uploadedAt: deps.clock().toISOString(),
    uploadedBy: actorOf(principal),
    changeNote: "",
    status: "uploading",
  };
  let added = false;
  const saved = await patchMeeting(deps, schoolId, meetingId, (r) => {
    if (r.materials.some((m) => m.id === materialId)) return null;
    added = true;
    const materials = [...r.materials, material];
    const agenda = input.agendaItemId
      ? r.agenda.map((a) =>
          a.id === input.agendaItemId && !a.materialIds.includes(materialId)
            ? { ...a, materialIds: [...a.materialIds, materialId] }
            : a,
        )
      : r.agenda;
    return { ...r, materials, agenda, searchText: searchTextOf({ ...r, materials, agenda }) };
  });
  if (!saved) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: meetingId } });
  if (added)
    await deps.storage.audit.append(schoolId, {
      kind: "meeting.material",
      actor: actorOf(principal),
      target: { kind: "meeting", id: meetingId },
      data: {
        action: "added",
        materialId,
        version: 1,
        sha256: staged.sha256,
        classification: input.classification,
      },
    });
  await enqueueMaterialUpload(deps, schoolId, meetingId, materialId, 1);
  return (await patchMeeting(deps, schoolId, meetingId, () => null)) ?? saved;
}

/** The upload effect of one material version (dedupe per version), delivered inline once. */
export async function enqueueMaterialUpload(
  deps: MeetingsDeps,
  schoolId: string,
  meetingId: string,
  materialId: string,
  version: number,
): Promise<void> {
  await enqueueAndDeliver(
    deps,
    {
      kind: MEETINGS_MATERIAL_EFFECT,
      schoolId,
      payload: { meetingId, materialId, version },
      dedupeKey: `${meetingId}:${materialId}:v${version}`,
    },
    { wait: true },
  );
}
