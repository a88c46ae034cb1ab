/** OpenAPI shapes of records (from the shared zod contract, re-declared with @hono/zod-openapi's z). */
import { z } from "@hono/zod-openapi";
import { RecordStatus } from "@komu/shared";

const person = z.object({ oid: z.string(), name: z.string() });
const retentionPeriod = z.enum(["1", "3", "5", "10", "20", "30", "permanent"]);
const classification = z.enum(["I", "II", "III", "IV"]);
const related = z.object({ kind: z.enum(["approval", "meeting", "survey", "notice", "register"]), id: z.string() });

export const RecordViewSchema = z
  .object({
    id: z.string(),
    schoolId: z.string(),
    title: z.string(),
    fileName: z.string(),
    fiscalYear: z.number().int(),
    categoryCode: z.string(),
    categoryName: z.string(),
    classification,
    retention: retentionPeriod,
    trigger: z.enum(["closed", "graduation"]),
    eventDate: z.string().nullable(),
    retentionUntil: z.string().openapi({ description: "YYYY-03-31, permanent, or pending" }),
    retentionLabel: z.string().nullable(),
    number: z
      .object({
        register: z.enum(["receipt", "dispatch"]),
        fiscalYear: z.number().int(),
        serial: z.number().int(),
        text: z.string(),
      })
      .nullable(),
    author: person,
    authorName: z.string(),
    related: related.nullable(),
    note: z.string().nullable(),
    status: z.enum(RecordStatus.options),
    size: z.number().int(),
    mimeType: z.string(),
    sha256: z.string(),
    versionCount: z.number().int(),
    webUrl: z.string().nullable(),
    failure: z.object({ code: z.string(), message: z.object({ ja: z.string(), en: z.string() }) }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    etag: z.string(),
  })
  .openapi("Record");

export const FileRecordBody = z
  .object({
    uploadId: z.string().min(1).max(64),
    title: z.string().trim().min(1).max(200),
    fiscalYear: z.coerce.number().int().min(1989).max(2200),
    categoryCode: z.string().regex(/^[A-Z][A-Z0-9]{0,3}(-[0-9]{2}){0,2}$/),
    classification: classification.optional(),
    eventDate: z.iso.date().optional(),
    note: z.string().trim().max(1000).optional(),
  })
  // `related` and `authorName` are for modules filing on someone's behalf (they call fileRecord
  // directly); through the API they would let a caller forge a record's author or its link.
  .strict()
  .openapi("FileRecordInput");
