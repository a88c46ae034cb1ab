import type { Classification, DeliveryChannel, RegisterEntryInput } from "@komu/shared";

export const CHANNELS: readonly DeliveryChannel[] = ["mail", "fax", "email", "hand", "system", "other"];

export interface EntryForm {
  title: string;
  counterpart: string;
  /** YYYY-MM-DD (JST) */
  date: string;
  channel: DeliveryChannel;
  categoryCode: string;
  classification: Classification | null;
  note: string;
}

export type EntryField = "title" | "counterpart" | "date" | "categoryCode";

/** Fields the form must have before sending (the server checks again). */
export function missingFields(form: EntryForm): EntryField[] {
  const out: EntryField[] = [];
  if (!form.counterpart.trim()) out.push("counterpart");
  if (!form.title.trim()) out.push("title");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) out.push("date");
  if (!form.categoryCode) out.push("categoryCode");
  return out;
}

export function entryInput(form: EntryForm, uploadId: string | null): RegisterEntryInput {
  return {
    title: form.title.trim(),
    counterpart: form.counterpart.trim(),
    date: form.date,
    channel: form.channel,
    categoryCode: form.categoryCode,
    ...(form.classification ? { classification: form.classification } : {}),
    ...(uploadId ? { uploadId } : {}),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
}
