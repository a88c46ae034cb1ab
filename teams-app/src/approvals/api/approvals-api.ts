import {
  type ApprovalBox,
  type ApprovalDetailView as ApprovalDetail,
  ApprovalDetailView,
  ApprovalListView,
  type DecisionInput,
  type DraftCreateInput,
  type DraftUpdateInput,
  RouteTemplateListView,
  type WithdrawInput,
} from "@komu/shared";
import type { ApiClient, BlobAnswer } from "../../api/client.js";

const seg = encodeURIComponent;

/** A new idempotency key per user action (a retry of the same action reuses it). */
export const newKey = (): string => crypto.randomUUID();

/**
 * The approvals routes of one school (shared zod contract: shared/src/approvals/api.ts).
 * Changes carry the approval's ETag in If-Match; decisions carry the stage token they were shown.
 */
export function approvalsApi(api: ApiClient, schoolId: string) {
  const base = `/api/schools/${seg(schoolId)}/approvals`;
  const one = (id: string) => `${base}/${seg(id)}`;
  return {
    /** One page of a list; `cursor` is the previous page's `next`. */
    list: (box: ApprovalBox, limit = 50, cursor?: string) =>
      api.get(`${base}?box=${box}&limit=${limit}${cursor ? `&cursor=${seg(cursor)}` : ""}`, ApprovalListView),
    get: (id: string) => api.get(one(id), ApprovalDetailView),
    templates: () => api.get(`/api/schools/${seg(schoolId)}/approval-templates`, RouteTemplateListView),
    create: (input: DraftCreateInput, idempotencyKey: string) =>
      api.send("POST", base, input, ApprovalDetailView, { "Idempotency-Key": idempotencyKey }),
    update: (current: Pick<ApprovalDetail, "etag"> & { id: string }, input: DraftUpdateInput) =>
      api.send("PATCH", one(current.id), input, ApprovalDetailView, { "If-Match": current.etag }),
    submit: (current: Pick<ApprovalDetail, "etag"> & { id: string }) =>
      api.send("POST", `${one(current.id)}/submit`, {}, ApprovalDetailView, { "If-Match": current.etag }),
    decide: (id: string, input: DecisionInput) => api.send("POST", `${one(id)}/decisions`, input, ApprovalDetailView),
    withdraw: (current: Pick<ApprovalDetail, "etag"> & { id: string }, input: WithdrawInput) =>
      api.send("POST", `${one(current.id)}/withdraw`, input, ApprovalDetailView, { "If-Match": current.etag }),
    /** 後閲: the absent approver acknowledges the deputy's decision on a stage. */
    review: (id: string, stageId: string) => api.send("POST", `${one(id)}/review`, { stageId }, ApprovalDetailView),
    /** The main document (the sealed PDF after 決裁), through Kōmu with the user's token. */
    content: (path: string): Promise<BlobAnswer> => api.blob(path),
  };
}

export type ApprovalsApi = ReturnType<typeof approvalsApi>;
