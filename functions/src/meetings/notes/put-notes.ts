/**
 * PUT …/materials/{materialId}/notes: the caller's whole set of notes on the material (create,
 * edit, delete = leave out). If-Match is the row's ETag (optional on the very first save).
 * Checked before anything is written: ids unique, a highlight has a quote, and every note's page
 * exists in the current version (MEETING_NOTE_PAGE_MISSING with the pages: nothing saved).
 * A note sent back with the anchor it has keeps its state (a flagged note stays flagged until
 * its owner places it again); a new or moved anchor is `anchored` on the current version.
 */
import { KomuError, type Note, NotesPutInput, type NotesView } from "@komu/shared";
import type { z } from "zod";
import type { MeetingsDeps } from "../deps.js";
import { materialFor, meetingForAttendee } from "../text/attendee-access.js";
import { currentPages } from "../text/material-text.js";
import { notesRepo, notesRowId } from "./entity.js";
import { type NotesRequest, notesView, ownNotes } from "./get-notes.js";

const sameAnchor = (a: Note["anchor"], b: Note["anchor"]) =>
  a.page === b.page && a.quote === b.quote && a.prefix === b.prefix && a.suffix === b.suffix;

export async function putNotes(
  deps: Pick<MeetingsDeps, "storage" | "graph" | "logger" | "clock">,
  req: NotesRequest & { input: z.input<typeof NotesPutInput>; etag: string | undefined },
): Promise<NotesView> {
  const input = NotesPutInput.parse(req.input);
  const meeting = await meetingForAttendee(deps, req);
  const material = materialFor(meeting, req.materialId, req.principal);

  const ids = new Set<string>();
  for (const [i, n] of input.notes.entries()) {
    if (ids.has(n.id))
      throw new KomuError("VALIDATION_FAILED", {
        details: {
          issues: [
            { path: `notes.${i}.id`, code: "duplicate", message: "メモの ID が重複しています / repeated note id" },
          ],
        },
      });
    ids.add(n.id);
    if (n.kind === "highlight" && !n.anchor.quote.trim())
      throw new KomuError("VALIDATION_FAILED", {
        details: {
          issues: [
            {
              path: `notes.${i}.anchor.quote`,
              code: "required",
              message: "マーカーには文字の範囲が必要です / a highlight needs a quote",
            },
          ],
        },
      });
  }
  const pages = await currentPages(deps, meeting, material);
  const pageCount = pages.length || material.pages || 1;
  const missing = input.notes.filter((n) => n.anchor.page > pageCount);
  if (missing.length > 0)
    throw new KomuError("MEETING_NOTE_PAGE_MISSING", {
      details: { pages: pageCount, notes: missing.map((n) => ({ id: n.id, page: n.anchor.page })) },
    });

  const { row, version } = await ownNotes(deps, meeting, req);
  const repo = notesRepo(deps.storage);
  const now = deps.clock().toISOString();
  const before = new Map((row?.data.notes ?? []).map((n) => [n.id, n]));
  const notes: Note[] = input.notes.map((n) => {
    const old = before.get(n.id);
    const keepState = old && sameAnchor(old.anchor, n.anchor);
    const unchanged = keepState && old.text === n.text && old.color === n.color && old.kind === n.kind;
    if (unchanged) return old;
    return {
      id: n.id,
      kind: n.kind,
      anchor: n.anchor,
      text: n.text,
      color: n.color,
      version,
      state: keepState ? old.state : "anchored",
      previousPage: keepState ? old.previousPage : null,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    };
  });
  const data = { meetingId: meeting.id, materialId: material.id, oid: req.principal.oid, version, notes };
  if (!row) {
    if (req.etag) throw new KomuError("STALE_ETAG", { details: { kind: "meetingNotes" } });
    const created = await repo.create(req.schoolId, notesRowId(meeting.id, material.id, req.principal.oid), data);
    return notesView(material.id, version, created);
  }
  if (!req.etag) throw new KomuError("PRECONDITION_REQUIRED", { details: { header: "If-Match" } });
  return notesView(material.id, version, await repo.update(req.schoolId, row.id, data, req.etag));
}
