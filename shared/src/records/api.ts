/**
 * The records API's request and response shapes (the zod contract shared by functions/ and the
 * tab). Routes live under /api/schools/{schoolId}/records…; see functions/src/records.
 */
import { z } from "zod";
import { Classification } from "../access/capabilities.js";
import { CategoryCode, FilePlan, RetentionPeriod, RetentionTrigger, SchoolKind } from "./file-plan.js";
import { NumberFormat, RegisterKind } from "./numbering.js";

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: false });
export const FiscalYear = z.coerce.number().int().min(1989).max(2200);
/** The first day of the first 年度 Kōmu knows (FiscalYear's minimum): older lines could never be listed. */
const FIRST_REGISTER_DATE = "1989-04-01";
const personSchema = z.object({ oid: z.string(), name: z.string() });

/** What another module (approvals, meetings, surveys) links a record to. */
export const RelatedItem = z.object({
  kind: z.enum(["approval", "meeting", "survey", "notice", "register"]),
  id: z.string().min(1).max(128),
});
export type RelatedItem = z.infer<typeof RelatedItem>;

/** 201 answer of POST …/uploads: the staged bytes, checked, waiting to be filed (kept 24 h). */
export const UploadView = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  mimeType: z.string(),
  expiresAt: isoDateTime,
});
export type UploadView = z.infer<typeof UploadView>;

/** Metadata of a record to file (with the id of a staged upload). */
export const FileRecordInput = z.object({
  uploadId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200),
  fiscalYear: FiscalYear,
  categoryCode: CategoryCode,
  /** Defaults to the category's classification; may only be raised (I is the highest). */
  classification: Classification.optional(),
  /** For event-based retention (学籍): the graduation or transfer date. */
  eventDate: isoDate.optional(),
  related: RelatedItem.optional(),
  /** 作成者 shown on the record when it differs from the uploader (e.g. the drafter of an approval). */
  authorName: z.string().trim().max(100).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type FileRecordInput = z.infer<typeof FileRecordInput>;

export const RecordStatus = z.enum(["filing", "filed", "failed", "disposalApproved", "disposed"]);
export type RecordStatus = z.infer<typeof RecordStatus>;

export const RecordNumber = z.object({
  register: RegisterKind,
  fiscalYear: z.number().int(),
  serial: z.number().int().positive(),
  text: z.string(),
});
export type RecordNumber = z.infer<typeof RecordNumber>;

export const RecordView = z.object({
  id: z.string(),
  schoolId: z.string(),
  title: z.string(),
  fileName: z.string(),
  fiscalYear: z.number().int(),
  categoryCode: z.string(),
  categoryName: z.string(),
  classification: Classification,
  retention: RetentionPeriod,
  trigger: RetentionTrigger,
  eventDate: isoDate.nullable(),
  /** "YYYY-03-31", "permanent", or "pending" (event not recorded yet). */
  retentionUntil: z.string(),
  /** Purview retention label applied, when the tenant maps this period to one. */
  retentionLabel: z.string().nullable(),
  number: RecordNumber.nullable(),
  author: personSchema,
  authorName: z.string(),
  related: RelatedItem.nullable(),
  note: z.string().nullable(),
  status: RecordStatus,
  size: z.number().int().nonnegative(),
  mimeType: z.string(),
  sha256: z.string(),
  /** Number of versions (1 for a new record). */
  versionCount: z.number().int().positive(),
  webUrl: z.string().nullable(),
  failure: z.object({ code: z.string(), message: z.object({ ja: z.string(), en: z.string() }) }).nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  etag: z.string(),
});
export type RecordView = z.infer<typeof RecordView>;

export const RecordListQuery = z.object({
  fiscalYear: FiscalYear.optional(),
  categoryCode: CategoryCode.optional(),
  /** 文書番号 / 受付番号, whole or the serial alone. */
  number: z.string().trim().max(60).optional(),
  /** Words in the title, file name, note, author or (where the tenant has it) the full text. */
  q: z.string().trim().max(200).optional(),
  /** 作成者: a name or part of it. */
  person: z.string().trim().max(100).optional(),
  status: RecordStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;

export const RecordPage = z.object({
  items: z.array(RecordView),
  nextCursor: z.string().nullable(),
  /** "index" when only Kōmu's index was searched; "fulltext" when Graph search contributed. */
  searched: z.enum(["index", "fulltext"]),
});
export type RecordPage = z.infer<typeof RecordPage>;

export const RecordVersionView = z.object({
  id: z.string(),
  size: z.number().int().nonnegative(),
  lastModifiedAt: isoDateTime,
  lastModifiedBy: z.string().nullable(),
});
export type RecordVersionView = z.infer<typeof RecordVersionView>;

// ── 収受・発送簿 ───────────────────────────────────────────────────────────────

export const DeliveryChannel = z.enum(["mail", "fax", "email", "hand", "system", "other"]);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const RegisterEntryInput = z.object({
  title: z.string().trim().min(1).max(200),
  /** 差出人 (receipt) or 宛先 (dispatch). */
  counterpart: z.string().trim().min(1).max(120),
  /** 収受日 / 発送日 (JST calendar date); defaults to today. Its 年度 picks the register (from 1989). */
  date: isoDate
    .refine((d) => d >= FIRST_REGISTER_DATE, {
      message: "1989年4月1日より前の日付は登録できません / the date cannot be before 1989-04-01",
    })
    .optional(),
  channel: DeliveryChannel.default("mail"),
  categoryCode: CategoryCode,
  classification: Classification.optional(),
  /** The document itself, staged with POST …/uploads (optional: a register line may have no file). */
  uploadId: z.string().min(1).max(64).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type RegisterEntryInput = z.infer<typeof RegisterEntryInput>;

export const RegisterEntryStatus = z.enum(["reserved", "filed", "voided"]);
export type RegisterEntryStatus = z.infer<typeof RegisterEntryStatus>;

export const RegisterEntryView = z.object({
  register: RegisterKind,
  fiscalYear: z.number().int(),
  serial: z.number().int().positive(),
  number: z.string(),
  date: isoDate,
  title: z.string(),
  counterpart: z.string(),
  channel: DeliveryChannel,
  categoryCode: z.string(),
  classification: Classification,
  status: RegisterEntryStatus,
  recordId: z.string().nullable(),
  voidReason: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: personSchema,
  createdAt: isoDateTime,
  etag: z.string(),
});
export type RegisterEntryView = z.infer<typeof RegisterEntryView>;

export const VoidEntryInput = z.object({ reason: z.string().trim().min(1).max(500) });

// ── 廃棄 (disposal) ─────────────────────────────────────────────────────────────

export const DisposalStatus = z.enum(["proposed", "approved", "rejected", "completed"]);
export const DisposalItemStatus = z.enum(["pending", "awaitingExpiry", "deleted", "kept", "failed"]);

export const DisposalItemView = z.object({
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
  deletedAt: isoDateTime.nullable(),
  /** Why SharePoint did not delete it (status "failed"), e.g. a retention label that blocks deletion. */
  failure: z
    .object({ code: z.string(), message: z.object({ ja: z.string(), en: z.string() }) })
    .nullable()
    .optional(),
});
export type DisposalItemView = z.infer<typeof DisposalItemView>;

export const DisposalView = z.object({
  id: z.string(),
  schoolId: z.string(),
  /** The 年度 whose end the review is for. */
  fiscalYear: z.number().int(),
  status: DisposalStatus,
  items: z.array(DisposalItemView),
  proposedBy: personSchema,
  proposedAt: isoDateTime,
  decidedBy: personSchema.nullable(),
  decidedAt: isoDateTime.nullable(),
  comment: z.string().nullable(),
  etag: z.string(),
});
export type DisposalView = z.infer<typeof DisposalView>;

export const ProposeDisposalInput = z.object({
  fiscalYear: FiscalYear,
  /** Records to leave out of the list (kept longer, e.g. under litigation hold). */
  exclude: z.array(z.string().max(64)).max(5000).default([]),
});

export const DecideDisposalInput = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(1000).optional(),
});

// ── settings and file plan ──────────────────────────────────────────────────────

export const RecordsSettings = z.object({
  schoolKind: SchoolKind,
  /** 略称 used in numbers: 青小. */
  abbreviation: z.string().trim().min(1).max(12),
  numberFormats: z.object({ receipt: NumberFormat, dispatch: NumberFormat }),
});
export type RecordsSettings = z.infer<typeof RecordsSettings>;

export const FilePlanView = z.object({
  schoolId: z.string(),
  plan: FilePlan,
  etag: z.string(),
  updatedAt: isoDateTime,
});
export type FilePlanView = z.infer<typeof FilePlanView>;
