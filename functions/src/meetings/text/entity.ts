/**
 * The page texts of one material version (engineer M2's table rows, beside entities.ts):
 *   meetingText   id = `<meetingId>.<materialId>.v<version>`   pages[] as pdf.js reads them
 * Written once per version (create; a concurrent writer's CONFLICT is fine: same bytes, same text).
 */
import { z } from "zod";
import type { Storage } from "../../storage/index.js";
import { defineEntity } from "../../storage/index.js";

export const meetingTextEntity = defineEntity({
  kind: "meetingText",
  schema: z.object({
    meetingId: z.string(),
    materialId: z.string(),
    version: z.number().int().positive(),
    /** Index 0 = page 1; "" for a page without text (a scan) or beyond the size cap. */
    pages: z.array(z.string()),
    /** SHA-256 of the bytes the text was read from. */
    sha256: z.string(),
    /** Why there is no text (not a PDF, unreadable): pages is then empty. */
    problem: z.string().nullable().default(null),
  }),
});
export type MeetingTextRow = z.infer<typeof meetingTextEntity.schema>;

export const textRowId = (meetingId: string, materialId: string, version: number) =>
  `${meetingId}.${materialId}.v${version}`;

export const textRepo = (storage: Pick<Storage, "entities">) => storage.entities.repo(meetingTextEntity);
