import {
  DisposalItemView,
  DisposalView,
  FilePlanView,
  type FileRecordInput,
  RecordPage,
  RecordVersionView,
  RecordView,
  type RegisterEntryInput,
  RegisterEntryView,
  type RegisterKind,
} from "@komu/shared";
import { z } from "zod";
import type { ApiClient, BlobAnswer } from "../../api/client.js";
import { queryString, seg } from "../model/query.js";

export const RegisterList = z.object({ items: z.array(RegisterEntryView), nextCursor: z.string().nullish() });
export type RegisterList = z.infer<typeof RegisterList>;
export const VersionList = z.object({ items: z.array(RecordVersionView) });
export const DisposalList = z.object({ items: z.array(DisposalView), nextCursor: z.string().nullish() });
/** Records past retention at the end of a 年度 (not yet on a disposal list). */
export const CandidateItem = DisposalItemView.partial({ status: true, deletedAt: true });
export type CandidateItem = z.infer<typeof CandidateItem>;
export const CandidateList = z.object({ items: z.array(CandidateItem) });

export interface RecordFilters {
  fiscalYear?: number;
  categoryCode?: string;
  number?: string;
  q?: string;
  person?: string;
  limit?: number;
  cursor?: string;
}

/** A new idempotency key per user action (a retry of the same action reuses it). */
export const newKey = (): string => crypto.randomUUID();

/** The records, registers and disposal routes of one school, typed with the shared schemas. */
export function recordsApi(api: ApiClient, schoolId: string) {
  const school = `/api/schools/${seg(schoolId)}`;
  const record = (id: string) => `${school}/records/${seg(id)}`;
  return {
    filePlan: () => api.get(`${school}/records/file-plan`, FilePlanView),
    list: (filters: RecordFilters) => api.get(`${school}/records${queryString({ ...filters })}`, RecordPage),
    get: (id: string) => api.get(record(id), RecordView),
    file: (input: FileRecordInput, idempotencyKey: string) =>
      api.send("POST", `${school}/records`, input, RecordView, { "Idempotency-Key": idempotencyKey }),
    content: (id: string): Promise<BlobAnswer> => api.blob(`${record(id)}/content`),
    versions: (id: string) => api.get(`${record(id)}/versions`, VersionList),
    addVersion: (current: Pick<RecordView, "id" | "etag">, uploadId: string) =>
      api.send("POST", `${record(current.id)}/versions`, { uploadId }, RecordView, { "If-Match": current.etag }),

    registerList: (register: RegisterKind, fiscalYear: number, cursor?: string) =>
      api.get(`${school}/registers/${register}${queryString({ fiscalYear, cursor })}`, RegisterList),
    register: (register: RegisterKind, input: RegisterEntryInput, idempotencyKey: string) =>
      api.send("POST", `${school}/registers/${register}`, input, RegisterEntryView, {
        "Idempotency-Key": idempotencyKey,
      }),
    voidEntry: (entry: Pick<RegisterEntryView, "register" | "fiscalYear" | "serial" | "etag">, reason: string) =>
      api.send(
        "POST",
        `${school}/registers/${entry.register}/${entry.fiscalYear}/${entry.serial}/void`,
        { reason },
        RegisterEntryView,
        { "If-Match": entry.etag },
      ),
    exportRegister: (register: RegisterKind, fiscalYear: number): Promise<BlobAnswer> =>
      api.blob(`${school}/registers/${register}/export${queryString({ fiscalYear })}`),

    candidates: (fiscalYear: number) =>
      api.get(`${school}/disposals/candidates${queryString({ fiscalYear })}`, CandidateList),
    disposals: () => api.get(`${school}/disposals`, DisposalList),
    disposal: (id: string) => api.get(`${school}/disposals/${seg(id)}`, DisposalView),
    propose: (fiscalYear: number, exclude: string[], idempotencyKey: string) =>
      api.send("POST", `${school}/disposals`, { fiscalYear, exclude }, DisposalView, {
        "Idempotency-Key": idempotencyKey,
      }),
    decide: (disposal: Pick<DisposalView, "id" | "etag">, decision: "approve" | "reject", comment: string) =>
      api.send(
        "POST",
        `${school}/disposals/${seg(disposal.id)}/decision`,
        { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        DisposalView,
        { "If-Match": disposal.etag },
      ),
  };
}

export type RecordsApi = ReturnType<typeof recordsApi>;

/**
 * After a 202 (status "filing"), ask again until the record is filed or failed. Delays grow
 * (0.5 s … 5 s); gives up after `maxWaitMs` and returns the last state seen.
 */
export async function waitUntilSettled(
  get: () => Promise<RecordView>,
  first: RecordView,
  options: { maxWaitMs?: number; sleep?: (ms: number) => Promise<void>; signal?: AbortSignal } = {},
): Promise<RecordView> {
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const maxWait = options.maxWaitMs ?? 120_000;
  let current = first;
  let waited = 0;
  let delay = 500;
  while (current.status === "filing" && waited < maxWait && !options.signal?.aborted) {
    await sleep(delay);
    waited += delay;
    delay = Math.min(5_000, Math.round(delay * 1.6));
    current = await get();
  }
  return current;
}
