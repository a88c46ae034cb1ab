/**
 * The outbox effect `meetings.reanchor` (engineer M1's replacement enqueues it with
 * {schoolId, meetingId, materialId, version}): every attendee's notes on the material are carried
 * to its current version — anchored, moved or orphaned-and-flagged, never dropped. Idempotent:
 * rows already on the version are skipped; a row changed meanwhile is re-read and carried.
 */
import { z } from "zod";
import type { MeetingsDeps } from "../deps.js";
import { meetingsRepos } from "../entities.js";
import { canAnchorOn, currentPages } from "../text/material-text.js";
import { carryRow } from "./carry-row.js";
import { notesRepo } from "./entity.js";

export const MEETINGS_REANCHOR_EFFECT = "meetings.reanchor";

export const ReanchorPayload = z.object({
  schoolId: z.string(),
  meetingId: z.string(),
  materialId: z.string(),
  version: z.number().int().positive(),
});
export type ReanchorPayload = z.infer<typeof ReanchorPayload>;

/** Carries every notes row of the material; returns how many rows changed. */
export async function reanchorNotes(
  deps: Pick<MeetingsDeps, "storage" | "graph" | "logger" | "clock">,
  payload: ReanchorPayload,
): Promise<number> {
  const meeting = await meetingsRepos(deps.storage).meetings.get(payload.schoolId, payload.meetingId);
  const material = meeting?.data.materials.find((m) => m.id === payload.materialId);
  // Gone, or not yet stored: nothing to carry (a later replacement enqueues its own effect).
  if (!meeting || !material || material.status !== "ready" || material.version < payload.version) return 0;
  const repo = notesRepo(deps.storage);
  let pages: string[] | undefined;
  let changed = 0;
  let token: string | undefined;
  do {
    const page = await repo.list(payload.schoolId, {
      idPrefix: `${payload.meetingId}.${payload.materialId}.`,
      limit: 200,
      ...(token ? { continuationToken: token } : {}),
    });
    for (const row of page.items) {
      if (row.data.version >= material.version) continue;
      pages ??= await currentPages(deps, meeting, material);
      if (!canAnchorOn(material, pages)) {
        deps.logger.warn("meetings.reanchor: no page text for the new version; notes stay on their version", {
          meetingId: payload.meetingId,
          materialId: payload.materialId,
        });
        return 0;
      }
      await carryRow(deps, row, pages, material.version);
      changed++;
    }
    token = page.continuationToken;
  } while (token);
  return changed;
}

export function reanchorEffectHandler(deps: Pick<MeetingsDeps, "storage" | "graph" | "logger" | "clock">) {
  return async (payload: unknown): Promise<void> => {
    const changed = await reanchorNotes(deps, ReanchorPayload.parse(payload));
    if (changed > 0) deps.logger.info("meetings.reanchor: notes carried", { rows: changed });
  };
}
