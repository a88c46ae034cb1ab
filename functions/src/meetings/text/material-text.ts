/**
 * The page texts of a material's current version: the stored row, or (first read after a
 * version whose text was not extracted) the bytes read from SharePoint and extracted now.
 * GET …/materials/{materialId}/text answers MaterialText from it.
 */
import { KomuError, type Material, type MaterialText, type Principal } from "@komu/shared";
import { libraryApi } from "../../records/sharepoint/library.js";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";
import { isConfidential } from "../materials/folder-layout.js";
import { materialFor, meetingForAttendee } from "./attendee-access.js";
import { textRepo, textRowId } from "./entity.js";
import { extractAndStoreText } from "./store-text.js";

/** The bytes of a material's current version, from the meeting's folder in SharePoint. */
export async function materialBytes(
  deps: Pick<MeetingsDeps, "graph">,
  meeting: StoredEntity<MeetingRow>,
  material: Material,
): Promise<Uint8Array> {
  if (material.status !== "ready" || !material.driveItemId || !meeting.data.driveId)
    throw new KomuError("MEETING_MATERIAL_NOT_READY", {
      details: { materialId: material.id, status: material.status },
    });
  const res = await libraryApi(deps.graph, meeting.data.driveId).download(material.driveItemId);
  if (!res.ok)
    throw new KomuError(res.status === 404 ? "NOT_FOUND" : "UPSTREAM_UNAVAILABLE", {
      details: { materialId: material.id, graphStatus: res.status },
      ...(res.status === 404 ? {} : { retryAfter: 5 }),
    });
  return new Uint8Array(await res.arrayBuffer());
}

/** Page texts of the current version (extracted and kept on first need). */
export async function currentPages(
  deps: Pick<MeetingsDeps, "storage" | "graph" | "logger">,
  meeting: StoredEntity<MeetingRow>,
  material: Material,
): Promise<string[]> {
  const id = textRowId(meeting.id, material.id, material.version);
  const row =
    (await textRepo(deps.storage).get(meeting.schoolId, id)) ??
    (await extractAndStoreText(deps, {
      schoolId: meeting.schoolId,
      meetingId: meeting.id,
      materialId: material.id,
      version: material.version,
      mimeType: material.mimeType,
      bytes: await materialBytes(deps, meeting, material),
    }));
  return row.data.pages;
}

/**
 * Whether page texts can place notes: a PDF whose text could not be read at all (no pages) would
 * orphan every quoted note, so notes are not carried against it (they stay on their version).
 */
export const canAnchorOn = (material: Material, pages: readonly string[]) =>
  pages.length > 0 || material.mimeType !== "application/pdf";

export async function getMaterialText(
  deps: Pick<MeetingsDeps, "storage" | "graph" | "logger">,
  req: { schoolId: string; meetingId: string; materialId: string; principal: Principal },
): Promise<MaterialText> {
  const meeting = await meetingForAttendee(deps, req);
  const material = materialFor(meeting, req.materialId, req.principal);
  const pages = await currentPages(deps, meeting, material);
  // The page texts are the material's content: a class I/II read is audited as its bytes are.
  if (isConfidential(material.classification))
    await deps.storage.audit.append(req.schoolId, {
      kind: "meeting.material",
      actor: { oid: req.principal.oid, name: req.principal.name },
      target: { kind: "meeting", id: meeting.id },
      data: {
        action: "viewed",
        materialId: material.id,
        version: material.version,
        classification: material.classification,
      },
    });
  return { materialId: material.id, version: material.version, pages };
}
