import {
  type ActionItemPatch,
  AttendeePreview,
  type AttendeeSpec,
  type FileMeetingInput,
  type MaterialCreateInput,
  type MaterialReplaceInput,
  MaterialText,
  type MeetingInputRaw,
  MeetingList,
  MeetingView,
  type MinutesInput,
  type MinutesSubmitInput,
  type NotesPutInput,
  NotesView,
  type ReadInput,
  ReadStatusView,
} from "@komu/shared";
import { z } from "zod";
import type { ApiClient, BlobAnswer } from "../../api/client.js";

const seg = encodeURIComponent;
const Empty = z.unknown();

type Current = Pick<MeetingView, "id" | "etag">;

/**
 * The meetings routes of one school (shared zod contract: shared/src/meetings/api.ts). Changes to
 * a meeting carry its row's ETag in If-Match; notes carry the notes' own ETag when the server gave one.
 */
export function meetingsApi(api: ApiClient, schoolId: string) {
  const base = `/api/schools/${seg(schoolId)}/meetings`;
  const one = (id: string) => `${base}/${seg(id)}`;
  const material = (id: string, materialId: string) => `${one(id)}/materials/${seg(materialId)}`;
  const ifMatch = (c: Current) => ({ "If-Match": c.etag });
  return {
    schoolId,
    list: (fiscalYear: number, q: string) => {
      const query = new URLSearchParams({ fiscalYear: String(fiscalYear) });
      if (q.trim()) query.set("q", q.trim());
      return api.get(`${base}?${query.toString()}`, MeetingList);
    },
    preview: (attendees: z.input<typeof AttendeeSpec>) =>
      api.send("POST", `${base}/attendee-preview`, { attendees }, AttendeePreview),
    get: (id: string) => api.get(one(id), MeetingView),
    create: (input: MeetingInputRaw) => api.send("POST", base, input, MeetingView),
    update: (c: Current, input: MeetingInputRaw) => api.send("PUT", one(c.id), input, MeetingView, ifMatch(c)),
    cancel: (c: Current) => api.send("POST", `${one(c.id)}/cancel`, {}, MeetingView, ifMatch(c)),
    addMaterial: (c: Current, input: z.input<typeof MaterialCreateInput>) =>
      api.send("POST", `${one(c.id)}/materials`, input, MeetingView, ifMatch(c)),
    replaceMaterial: (c: Current, materialId: string, input: z.input<typeof MaterialReplaceInput>) =>
      api.send("PUT", `${material(c.id, materialId)}/content`, input, MeetingView, ifMatch(c)),
    content: (id: string, materialId: string): Promise<BlobAnswer> => api.blob(`${material(id, materialId)}/content`),
    text: (id: string, materialId: string) => api.get(`${material(id, materialId)}/text`, MaterialText),
    read: (id: string, materialId: string, input: z.input<typeof ReadInput>) =>
      api.send("POST", `${material(id, materialId)}/read`, input, Empty),
    distribute: (c: Current) => api.send("POST", `${one(c.id)}/distribute`, {}, MeetingView, ifMatch(c)),
    readStatus: (id: string) => api.get(`${one(id)}/read-status`, ReadStatusView),
    notes: (id: string, materialId: string) => api.get(`${material(id, materialId)}/notes`, NotesView),
    saveNotes: (id: string, materialId: string, input: z.input<typeof NotesPutInput>, etag?: string) =>
      api.send("PUT", `${material(id, materialId)}/notes`, input, NotesView, etag ? { "If-Match": etag } : undefined),
    saveMinutes: (c: Current, input: z.input<typeof MinutesInput>) =>
      api.send("PUT", `${one(c.id)}/minutes`, input, MeetingView, ifMatch(c)),
    submitMinutes: (c: Current, input: z.input<typeof MinutesSubmitInput>) =>
      api.send("POST", `${one(c.id)}/minutes/submit`, input, MeetingView, ifMatch(c)),
    patchActionItem: (id: string, actionItemId: string, input: z.input<typeof ActionItemPatch>) =>
      api.send("PATCH", `${one(id)}/action-items/${seg(actionItemId)}`, input, MeetingView),
    file: (c: Current, input: z.input<typeof FileMeetingInput>) =>
      api.send("POST", `${one(c.id)}/file`, input, MeetingView, ifMatch(c)),
  };
}

export type MeetingsApi = ReturnType<typeof meetingsApi>;
