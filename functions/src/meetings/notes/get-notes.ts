/**
 * GET …/materials/{materialId}/notes: the caller's own notes on the material (private: the row is
 * keyed by the caller's oid, so nobody else's can be asked for, not even by the chair). Notes
 * still on an older version are carried to the current one first.
 */
import type { NotesView, Principal } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";
import { materialFor, meetingForAttendee } from "../text/attendee-access.js";
import { canAnchorOn, currentPages } from "../text/material-text.js";
import { carryRow } from "./carry-row.js";
import { type MeetingNotesRow, notesRepo, notesRowId } from "./entity.js";

export interface NotesRequest {
  schoolId: string;
  meetingId: string;
  materialId: string;
  principal: Principal;
}

type Deps = Pick<MeetingsDeps, "storage" | "graph" | "logger" | "clock">;

/** The caller's row, carried to the current version; null when they have never saved notes. */
export async function ownNotes(
  deps: Deps,
  meeting: StoredEntity<MeetingRow>,
  req: NotesRequest,
): Promise<{ row: StoredEntity<MeetingNotesRow> | null; version: number }> {
  const material = materialFor(meeting, req.materialId, req.principal);
  const row = await notesRepo(deps.storage).get(req.schoolId, notesRowId(meeting.id, material.id, req.principal.oid));
  if (!row || row.data.version >= material.version) return { row, version: material.version };
  const pages = await currentPages(deps, meeting, material);
  if (!canAnchorOn(material, pages)) return { row, version: row.data.version };
  return { row: await carryRow(deps, row, pages, material.version), version: material.version };
}

export function notesView(materialId: string, version: number, row: StoredEntity<MeetingNotesRow> | null): NotesView {
  return { materialId, version, notes: row?.data.notes ?? [], ...(row ? { etag: row.etag } : {}) };
}

export async function getNotes(deps: Deps, req: NotesRequest): Promise<NotesView> {
  const meeting = await meetingForAttendee(deps, req);
  const { row, version } = await ownNotes(deps, meeting, req);
  return notesView(req.materialId, version, row);
}
