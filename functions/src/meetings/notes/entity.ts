/**
 * One attendee's private notes on one material (engineer M2's rows, beside entities.ts):
 *   meetingNotes   id = `<meetingId>.<materialId>.<oid>`   that person's notes and highlights
 * Only its owner reads or writes it (not even the chair). The notes of a material are listed with
 * the id prefix `<meetingId>.<materialId>.` (the carry-over after a new version).
 */
import { Note } from "@komu/shared";
import { z } from "zod";
import type { Storage } from "../../storage/index.js";
import { defineEntity } from "../../storage/index.js";

export const meetingNotesEntity = defineEntity({
  kind: "meetingNotes",
  schema: z.object({
    meetingId: z.string(),
    materialId: z.string(),
    oid: z.string(),
    /** The material version every note is anchored to (after the carry-over: the current one). */
    version: z.number().int().positive(),
    notes: z.array(Note),
  }),
});
export type MeetingNotesRow = z.infer<typeof meetingNotesEntity.schema>;

export const notesRowId = (meetingId: string, materialId: string, oid: string) => `${meetingId}.${materialId}.${oid}`;

export const notesRepo = (storage: Pick<Storage, "entities">) => storage.entities.repo(meetingNotesEntity);
