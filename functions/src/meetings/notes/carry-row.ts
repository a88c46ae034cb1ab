/**
 * Carries one person's notes row to the material's current version (shared `carryNotes`: every
 * note anchored / moved / orphaned-and-flagged, none dropped), with the row's ETag; a writer
 * that got there first (STALE_ETAG) makes it re-read and try again. Rows already on the version
 * are returned untouched, so running it twice changes nothing.
 */
import { carryNotes, isKomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingNotesRow, notesRepo } from "./entity.js";

const ATTEMPTS = 5;

export async function carryRow(
  deps: Pick<MeetingsDeps, "storage" | "clock">,
  row: StoredEntity<MeetingNotesRow>,
  pages: readonly string[],
  version: number,
): Promise<StoredEntity<MeetingNotesRow>> {
  const repo = notesRepo(deps.storage);
  let current = row;
  for (let attempt = 1; ; attempt++) {
    if (current.data.version >= version) return current;
    const notes = carryNotes(current.data.notes, pages, version, deps.clock().toISOString());
    try {
      return await repo.update(current.schoolId, current.id, { ...current.data, version, notes }, current.etag);
    } catch (e) {
      if (!(isKomuError(e) && e.code === "STALE_ETAG") || attempt >= ATTEMPTS) throw e;
      current = await repo.require(current.schoolId, current.id);
    }
  }
}
