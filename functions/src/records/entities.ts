/**
 * What the records module keeps in Azure Tables (partition = schoolId). SharePoint holds the
 * documents and their listItem fields; these rows are Kōmu's index (browse and filter without
 * spending SharePoint resource units), the registers' numbering, disposals and staged uploads.
 */
import {
  Classification,
  DeliveryChannel,
  DisposalItemStatus,
  DisposalStatus,
  FilePlan,
  RecordNumber,
  RecordStatus,
  RecordsSettings,
  RegisterEntryStatus,
  RegisterKind,
  RelatedItem,
  RetentionPeriod,
  RetentionTrigger,
} from "@komu/shared";
import { z } from "zod";
import { defineEntity } from "../storage/index.js";

const person = z.object({ oid: z.string(), name: z.string() });
const localized = z.object({ ja: z.string(), en: z.string() });

/** Where a school's library lives, found or created by provisioning. */
export const librarySchema = z.object({
  siteId: z.string(),
  listId: z.string(),
  driveId: z.string(),
  webUrl: z.string().nullable(),
  provisionedAt: z.string(),
  /** Column internal names created (provisioning adds what is missing). */
  columns: z.array(z.string()),
});
export type LibraryLocation = z.infer<typeof librarySchema>;

/** id "settings": the school's records settings and library location. */
export const recordsSettingsEntity = defineEntity({
  kind: "recordsSettings",
  schema: RecordsSettings.extend({ library: librarySchema.nullable() }),
});
export type RecordsSettingsData = z.infer<typeof recordsSettingsEntity.schema>;

/** id "current": the school's 文書分類表. */
export const filePlanEntity = defineEntity({ kind: "filePlan", schema: z.object({ plan: FilePlan }) });

/** A file staged in blob storage between POST …/uploads and filing (id = uploadId; 24 h). */
export const uploadEntity = defineEntity({
  kind: "recordUpload",
  schema: z.object({
    fileName: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string(),
    mimeType: z.string(),
    blobName: z.string(),
    uploadedBy: person,
    expiresAt: z.string(),
    /** Set when a record consumed it. */
    usedBy: z.string().nullable(),
  }),
  indexes: ["expiresAt"],
});
export type UploadData = z.infer<typeof uploadEntity.schema>;

/** One record (学校文書) = one driveItem in the school's library. */
export const recordEntity = defineEntity({
  kind: "record",
  schema: z.object({
    title: z.string(),
    fileName: z.string(),
    fiscalYear: z.number().int(),
    categoryCode: z.string(),
    categoryName: z.string(),
    classification: Classification,
    topic: z.enum(["health"]).nullable(),
    retention: RetentionPeriod,
    trigger: RetentionTrigger,
    eventDate: z.string().nullable(),
    retentionUntil: z.string(),
    retentionLabel: z.string().nullable(),
    number: RecordNumber.nullable(),
    author: person,
    authorName: z.string(),
    related: RelatedItem.nullable(),
    note: z.string().nullable(),
    status: RecordStatus,
    size: z.number().int().nonnegative(),
    mimeType: z.string(),
    sha256: z.string(),
    versionCount: z.number().int().positive(),
    /** The staged upload being filed (blob), while status is "filing" or a new version is pending. */
    pendingUploadId: z.string().nullable(),
    driveItemId: z.string().nullable(),
    listItemId: z.string().nullable(),
    webUrl: z.string().nullable(),
    failure: z.object({ code: z.string(), message: localized }).nullable(),
    /** Lower-cased words for index search (title, file name, note, author, number). */
    searchText: z.string(),
    disposalId: z.string().nullable(),
    /** The file's name in SharePoint when it had to differ from fileName (a clash in its folder). */
    storedName: z.string().optional(),
    /** The highest version whose records.filed audit event has been appended. */
    auditedVersion: z.number().int().nonnegative().optional(),
  }),
  indexes: ["fiscalYear", "categoryCode", "status", "retentionUntil"],
});
export type RecordData = z.infer<typeof recordEntity.schema>;

/**
 * 収受・発送簿 line, id = `${register}-${fiscalYear}-${serial padded to 6}` (entity ids allow no ":"). Creating the row is the
 * atomic claim of the number (a create of an existing id conflicts), so numbers are gapless.
 */
export const registerEntryEntity = defineEntity({
  kind: "registerEntry",
  schema: z.object({
    register: RegisterKind,
    fiscalYear: z.number().int(),
    serial: z.number().int().positive(),
    number: z.string(),
    date: z.string(),
    title: z.string(),
    counterpart: z.string(),
    channel: DeliveryChannel,
    categoryCode: z.string(),
    classification: Classification,
    status: RegisterEntryStatus,
    recordId: z.string().nullable(),
    voidReason: z.string().nullable(),
    note: z.string().nullable(),
    createdBy: person,
    /** Random id of the request that claimed the number (recognises our own row after a lost reply). */
    claimId: z.string(),
  }),
  indexes: ["register", "fiscalYear", "status"],
});
export type RegisterEntryData = z.infer<typeof registerEntryEntity.schema>;

/** Hint of the last serial per register and 年度, id = `${register}-${fiscalYear}` (may lag; never ahead). */
export const registerHeadEntity = defineEntity({
  kind: "registerHead",
  schema: z.object({ lastSerial: z.number().int().nonnegative() }),
});

/** 廃棄予定一覧 and its decision. */
export const disposalEntity = defineEntity({
  kind: "disposal",
  schema: z.object({
    fiscalYear: z.number().int(),
    status: DisposalStatus,
    items: z.array(
      z.object({
        recordId: z.string(),
        title: z.string(),
        fileName: z.string(),
        fiscalYear: z.number().int(),
        categoryCode: z.string(),
        categoryName: z.string(),
        classification: Classification,
        retentionUntil: z.string(),
        number: z.string().nullable(),
        sha256: z.string(),
        status: DisposalItemStatus,
        deletedAt: z.string().nullable(),
        /** Why the deletion failed (status "failed"). */
        failure: z.object({ code: z.string(), message: localized }).nullable().optional(),
      }),
    ),
    proposedBy: person,
    proposedAt: z.string(),
    decidedBy: person.nullable(),
    decidedAt: z.string().nullable(),
    comment: z.string().nullable(),
  }),
  indexes: ["fiscalYear", "status"],
});
export type DisposalData = z.infer<typeof disposalEntity.schema>;
