/**
 * GET …/materials/{materialId}/content: the current version's bytes streamed through Kōmu from
 * the drive item (never a sharing link), for the chair, attendees and meeting.oversee holders —
 * with the material's 重要性分類 applied (`meeting.read`, access.ts materialResource: class II
 * is distributed to the attendees while shared); class I/II reads audited
 * `meeting.material` viewed.
 */
import { ensureCan, KomuError, type Principal } from "@komu/shared";
import { contentDisposition } from "../../records/read/content.js";
import { loadMeetingFor, materialResource } from "../access.js";
import { actorOf } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { isConfidential, meetingLibrary } from "../materials/folder.js";

export async function materialContent(
  deps: MeetingsDeps,
  req: { schoolId: string; meetingId: string; materialId: string; principal: Principal },
): Promise<Response> {
  const { schoolId, meetingId, materialId, principal } = req;
  const row = await loadMeetingFor(deps, principal, schoolId, meetingId, "see");
  const material = row.data.materials.find((m) => m.id === materialId);
  if (!material) throw new KomuError("NOT_FOUND", { details: { kind: "material", id: materialId } });
  ensureCan(principal, "meeting.read", materialResource(row, material, principal));
  if (material.status !== "ready" || !material.driveItemId)
    throw new KomuError("MEETING_MATERIAL_NOT_READY", { details: { materialId, status: material.status } });
  const api = await meetingLibrary(deps, schoolId);
  const upstream = await api.download(material.driveItemId);
  if (!upstream.ok || !upstream.body)
    throw new KomuError(upstream.status === 404 ? "NOT_FOUND" : "UPSTREAM_UNAVAILABLE", {
      details: { materialId, graphStatus: upstream.status },
      ...(upstream.status === 404 ? {} : { retryAfter: 5 }),
    });
  if (isConfidential(material.classification))
    await deps.storage.audit.append(schoolId, {
      kind: "meeting.material",
      actor: actorOf(principal),
      target: { kind: "meeting", id: meetingId },
      data: { action: "viewed", materialId, version: material.version, classification: material.classification },
    });
  const headers = new Headers({
    "Content-Type": material.mimeType,
    "Content-Disposition": contentDisposition(material.fileName).replace(/^attachment/, "inline"),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Komu-Material-Version": String(material.version),
  });
  const length = upstream.headers.get("content-length");
  if (length) headers.set("Content-Length", length);
  return new Response(upstream.body, { status: 200, headers });
}
