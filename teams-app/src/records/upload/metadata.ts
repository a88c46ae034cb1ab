import type { Classification, FilePlanCategory, FileRecordInput } from "@komu/shared";

/** The 登録 form's values that apply to every file of the batch. */
export interface BatchMetadata {
  fiscalYear: number;
  categoryCode: string;
  classification: Classification | null;
  /** 卒業・転学日 for categories counted from graduation (YYYY-MM-DD) or "". */
  eventDate: string;
  note: string;
}

/** The body of POST …/records for one staged file. */
export function fileRecordInput(
  meta: BatchMetadata,
  category: Pick<FilePlanCategory, "trigger">,
  file: { uploadId: string; title: string },
): FileRecordInput {
  return {
    uploadId: file.uploadId,
    title: file.title.trim(),
    fiscalYear: meta.fiscalYear,
    categoryCode: meta.categoryCode,
    ...(meta.classification ? { classification: meta.classification } : {}),
    ...(category.trigger === "graduation" && meta.eventDate ? { eventDate: meta.eventDate } : {}),
    ...(meta.note.trim() ? { note: meta.note.trim() } : {}),
  };
}
