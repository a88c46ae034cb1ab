/** Per-attendee rows (`meetingRead`, id `<meetingId>.<oid>`): listing, create-if-missing, patch with ETag retry. */
import { isKomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { listAll } from "../../storage/list-all.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingReadRow, meetingReadEntity, meetingsRepos, readRowId } from "../entities.js";

export async function listReadRows(
  deps: Pick<MeetingsDeps, "storage">,
  schoolId: string,
  meetingId: string,
): Promise<StoredEntity<MeetingReadRow>[]> {
  return listAll(meetingsRepos(deps.storage).reads, schoolId, { idPrefix: `${meetingId}.` });
}

/** Changes (creating when missing) one attendee's row under its ETag, re-reading on a race. */
export async function patchReadRow(
  deps: Pick<MeetingsDeps, "storage">,
  schoolId: string,
  meetingId: string,
  attendee: { oid: string; name: string },
  change: (row: MeetingReadRow) => MeetingReadRow | null,
): Promise<StoredEntity<MeetingReadRow> | null> {
  const repo = meetingsRepos(deps.storage).reads;
  const id = readRowId(meetingId, attendee.oid);
  for (let attempt = 0; ; attempt++) {
    const row = await repo.get(schoolId, id);
    const base = row?.data ?? meetingReadEntity.schema.parse({ meetingId, oid: attendee.oid, name: attendee.name });
    const next = change(base);
    if (!next) return row;
    try {
      return row ? await repo.update(schoolId, id, next, row.etag) : await repo.create(schoolId, id, next);
    } catch (e) {
      if (attempt < 8 && isKomuError(e) && (e.code === "STALE_ETAG" || e.code === "CONFLICT")) continue;
      throw e;
    }
  }
}
