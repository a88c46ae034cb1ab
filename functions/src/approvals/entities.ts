/**
 * What the approvals module keeps in Azure Tables (partition = schoolId; `boe` for templates the
 * board shares). One row per approval (the whole state: route, statuses, history) so every
 * change is one ETag-guarded replace: two decisions can never both apply to the same version.
 */
import { Approval, RecordNumber, RouteTemplateInput } from "@komu/shared";
import { z } from "zod";
import { defineEntity } from "../storage/index.js";

/** id = approval id. `drafterOid` is copied out for the server-side filter of "my drafts". */
export const approvalEntity = defineEntity({
  kind: "approval",
  schema: Approval.extend({
    drafterOid: z.string(),
    /** The 文書番号 claimed at 決裁 (register line), kept until the sealed PDF is filed with it. */
    registerNumber: RecordNumber.extend({ entryId: z.string() }).nullable().optional(),
    /** Record ids chosen for the attachments filed at 決裁 (same order as `attachments`). */
    attachmentRecordIds: z.array(z.string()).optional(),
  }),
  indexes: ["status", "drafterOid"],
});
export type ApprovalRow = z.infer<typeof approvalEntity.schema>;

/** id = template id (the defaults: general, consultation, circulation); created/updated times are the row's. */
export const routeTemplateEntity = defineEntity({
  kind: "approvalTemplate",
  schema: RouteTemplateInput,
});
export type RouteTemplateRow = z.infer<typeof routeTemplateEntity.schema>;

/**
 * The approval's file bytes kept for its life (copied from a staged upload, which expires in
 * 24 h), id = `<approvalId>-<uploadId>`; the blob lives in the uploads container under
 * `approvals/<schoolId>/<approvalId>/<uploadId>` (never swept: the sweep only follows upload rows).
 */
export const approvalFileEntity = defineEntity({
  kind: "approvalFile",
  schema: z.object({
    approvalId: z.string(),
    blobName: z.string(),
    fileName: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string(),
    mimeType: z.string(),
  }),
});
export type ApprovalFileRow = z.infer<typeof approvalFileEntity.schema>;

export function approvalsRepos(storage: Pick<import("../storage/index.js").Storage, "entities">) {
  return {
    approvals: storage.entities.repo(approvalEntity),
    templates: storage.entities.repo(routeTemplateEntity),
    files: storage.entities.repo(approvalFileEntity),
  };
}
export type ApprovalsRepos = ReturnType<typeof approvalsRepos>;
