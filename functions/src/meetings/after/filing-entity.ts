/**
 * Which record each material version became when the meeting's folder was filed (engineer M2's
 * row, beside entities.ts; written in one Table transaction with the meeting's filedRecordIds):
 *   meetingFiling   id = meetingId   [{materialId, version, recordId}]
 */
import { z } from "zod";
import type { Storage } from "../../storage/index.js";
import { defineEntity } from "../../storage/index.js";

export const meetingFilingEntity = defineEntity({
  kind: "meetingFiling",
  schema: z.object({
    categoryCode: z.string(),
    items: z.array(z.object({ materialId: z.string(), version: z.number().int(), recordId: z.string() })),
  }),
});
export type MeetingFilingRow = z.infer<typeof meetingFilingEntity.schema>;

export const filingRepo = (storage: Pick<Storage, "entities">) => storage.entities.repo(meetingFilingEntity);
