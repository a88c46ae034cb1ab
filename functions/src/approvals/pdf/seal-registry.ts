import { KomuError, SCHOOL_ID_PATTERN } from "@komu/shared";
import { z } from "zod";
import { defineEntity, type EntityStore } from "../../storage/entity-store.js";
import type { SealLookup, SealRecord } from "./types.js";

/**
 * What Kōmu remembers of each sealed PDF, for verification: the sealed file's SHA-256 (a file
 * cannot carry its own hash), with the approval, code, title and number. One entity per approval
 * (`sealedPdf:<approvalId>` in the school's partition). The engine calls `recordSeal` right
 * after `sealPdf` at 決裁 (before filing); `sealLookup` is what `verifyPdf` and the verification
 * route read.
 */
export const sealedPdfEntity = defineEntity({
  kind: "sealedPdf",
  schema: z.object({
    approvalId: z.string(),
    verificationCode: z.string(),
    sealedSha256: z.string().regex(/^[0-9a-f]{64}$/),
    title: z.string(),
    documentNumber: z.string(),
    schoolId: z.string(),
    sealedAt: z.string(),
    recordId: z.string().optional(),
    pageCount: z.number().int().optional(),
  }),
  indexes: ["verificationCode"],
});

/**
 * Records a sealed PDF. Idempotent: the same record again is a no-op (sealing is deterministic,
 * so a retried 決裁 step records the same hash). A different hash for the same approval replaces
 * the record under its ETag (the last sealed file is the one filed); a concurrent writer gets
 * STALE_ETAG and the caller retries. The filed record's id can be added later the same way.
 */
export const recordSeal = async (entities: EntityStore, record: SealRecord): Promise<SealRecord> => {
  const repo = entities.repo(sealedPdfEntity);
  const existing = await repo.get(record.schoolId, record.approvalId);
  if (!existing) {
    try {
      return (await repo.create(record.schoolId, record.approvalId, record)).data;
    } catch (e) {
      if (!(e instanceof KomuError && e.code === "CONFLICT")) throw e;
      return recordSeal(entities, record);
    }
  }
  const same = JSON.stringify(sorted(existing.data)) === JSON.stringify(sorted(record));
  if (same) return existing.data;
  return (await repo.update(record.schoolId, record.approvalId, record, existing.etag)).data;
};

const sorted = (r: SealRecord) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));

export const sealLookup =
  (entities: EntityStore): SealLookup =>
  async ({ schoolId, approvalId }) => {
    // The ids come from an uploaded file: anything odd is simply not a record of ours.
    if (!SCHOOL_ID_PATTERN.test(schoolId) || !/^[A-Za-z0-9_-]{1,200}$/.test(approvalId)) return null;
    const found = await entities.repo(sealedPdfEntity).get(schoolId, approvalId);
    return found?.data ?? null;
  };
