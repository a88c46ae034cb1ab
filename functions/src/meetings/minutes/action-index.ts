/**
 * Who has action items in which meeting (engineer M2's rows, beside entities.ts):
 *   meetingAssignee   id = `<meetingId>.<oid>`   indexed by oid (「自分のタスク」 finds a person's meetings)
 * The row only says "look at this meeting": the meeting row stays the truth. Rows are created
 * before the minutes naming a new assignee are saved and pruned after, so a crash in between
 * leaves an extra row (harmless: the task source reads the meeting) and never a missing one.
 */
import { isKomuError } from "@komu/shared";
import { z } from "zod";
import type { Storage } from "../../storage/index.js";
import { defineEntity } from "../../storage/index.js";
import type { MeetingRow } from "../entities.js";

export const meetingAssigneeEntity = defineEntity({
  kind: "meetingAssignee",
  schema: z.object({ meetingId: z.string(), oid: z.string() }),
  indexes: ["oid"],
});

export const assigneeRepo = (storage: Pick<Storage, "entities">) => storage.entities.repo(meetingAssigneeEntity);

/** Open action items of `oid` in the meeting. */
export const openItemsOf = (m: Pick<MeetingRow, "minutes">, oid: string) =>
  m.minutes.actionItems.filter((a) => a.assigneeOid === oid && !a.done);

export async function ensureAssignees(
  storage: Pick<Storage, "entities">,
  schoolId: string,
  meetingId: string,
  oids: Iterable<string>,
): Promise<void> {
  const repo = assigneeRepo(storage);
  for (const oid of new Set(oids)) {
    const id = `${meetingId}.${oid}`;
    if (await repo.get(schoolId, id)) continue;
    try {
      await repo.create(schoolId, id, { meetingId, oid });
    } catch (e) {
      if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
    }
  }
}

/** Deletes the rows of people with no open item left in the meeting. */
export async function pruneAssignees(
  storage: Pick<Storage, "entities">,
  schoolId: string,
  meetingId: string,
  meeting: Pick<MeetingRow, "minutes">,
): Promise<void> {
  const repo = assigneeRepo(storage);
  const rows = await repo.list(schoolId, { idPrefix: `${meetingId}.`, limit: 1000 });
  for (const row of rows.items) {
    if (openItemsOf(meeting, row.data.oid).length > 0) continue;
    try {
      await repo.delete(schoolId, row.id, row.etag);
    } catch (e) {
      if (!(isKomuError(e) && (e.code === "NOT_FOUND" || e.code === "STALE_ETAG"))) throw e;
    }
  }
}
