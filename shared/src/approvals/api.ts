/**
 * The approvals API's request and response shapes (the zod contract shared by functions/ and the
 * tab). Routes live under /api/schools/{schoolId}/approvals… and …/approval-templates; see
 * functions/src/approvals. Updates carry the row's ETag in If-Match; decisions carry the stage
 * token they were shown (`stepToken`), so a retried or duplicate decision is recognised.
 */
import { z } from "zod";
import { Classification } from "../access/capabilities.js";
import { ApprovalAction, COMMENT_MAX } from "./machine.js";
import { RouteEdits, RouteTemplate, RouteTemplateInput } from "./route.js";
import { Approval, ApprovalStatus, Person } from "./state.js";

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: false });
const uploadId = z.string().min(1).max(64);

/** POST /api/schools/{schoolId}/approvals: a new draft (起案中). */
export const DraftCreateInput = z.object({
  templateId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(2000).default(""),
  /** 文書分類 from the school's file plan (where the sealed PDF is filed). */
  categoryCode: z.string().min(1).max(32),
  /** Defaults to the category's classification; may only be raised. */
  classification: Classification.optional(),
  dueDate: isoDate.nullable().optional(),
  /** A staged upload (POST …/records/uploads): PDF, or an image (turned into a PDF page). */
  mainUploadId: uploadId.nullable().optional(),
  /** When the main upload is an image: more images, one PDF page each after it (photos of a paper document). */
  pageImageUploadIds: z.array(uploadId).max(49).default([]),
  /** Staged Office files, images or PDFs attached as supplements. */
  attachmentUploadIds: z.array(uploadId).max(20).default([]),
  routeEdits: RouteEdits.default({ remove: [], add: [] }),
});
export type DraftCreateInput = z.input<typeof DraftCreateInput>;

/** PATCH /api/schools/{schoolId}/approvals/{id} (If-Match): only while 起案中 / 差し戻し / 引戻し. */
export const DraftUpdateInput = z
  .object({
    templateId: z.string().min(1).max(64),
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(2000),
    categoryCode: z.string().min(1).max(32),
    classification: Classification,
    dueDate: isoDate.nullable(),
    mainUploadId: uploadId.nullable(),
    /** Send with `mainUploadId` (the pages follow that image). */
    pageImageUploadIds: z.array(uploadId).max(49),
    attachmentUploadIds: z.array(uploadId).max(20),
    routeEdits: RouteEdits,
  })
  .partial();
export type DraftUpdateInput = z.input<typeof DraftUpdateInput>;

/** POST …/approvals/{id}/decisions (If-Match optional: the step token already guards the race). */
export const DecisionInput = z.discriminatedUnion("type", [
  ApprovalAction.options[0],
  ApprovalAction.options[1],
  ApprovalAction.options[2],
  ApprovalAction.options[3],
]);
export type DecisionInput = z.input<typeof DecisionInput>;

/** POST …/approvals/{id}/withdraw (引戻し, If-Match). */
export const WithdrawInput = z.object({ comment: z.string().trim().max(COMMENT_MAX).optional() });
export type WithdrawInput = z.input<typeof WithdrawInput>;

/** The tab's lists: 承認待ち (my turn), 起案中 (my drafts and my approvals on the route), 完了, the school's waiting items (principal). */
export const ApprovalBox = z.enum(["waiting", "drafts", "done", "school"]);
export type ApprovalBox = z.infer<typeof ApprovalBox>;

export const ApprovalListQuery = z.object({
  box: ApprovalBox.default("waiting"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** `next` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,5}$/)
    .optional(),
});
export type ApprovalListQuery = z.input<typeof ApprovalListQuery>;

export const ApprovalSummaryView = z.object({
  id: z.string(),
  schoolId: z.string(),
  title: z.string(),
  drafter: Person,
  status: ApprovalStatus,
  classification: Classification,
  dueDate: isoDate.nullable(),
  /** Label of the active stage, e.g. 教頭 or 合議（学年主任）. */
  currentStage: z.string().nullable(),
  waitingOn: z.array(Person),
  /** True when the caller may decide now (their turn, or deputy of the active stage). */
  myTurn: z.boolean(),
  number: z.string().nullable(),
  submittedAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});
export type ApprovalSummaryView = z.infer<typeof ApprovalSummaryView>;

export const ApprovalListView = z.object({
  items: z.array(ApprovalSummaryView),
  /** Cursor of the next page; absent on the last page. */
  next: z.string().optional(),
});
export type ApprovalListView = z.infer<typeof ApprovalListView>;

/** What the caller may do now (the tab shows only these buttons). */
export const ApprovalAbilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  decide: z.boolean(),
  /** 代決 for the active stage. */
  delegate: z.boolean(),
  /** Stage token to send with a decision (null when the caller cannot decide). */
  stepToken: z.string().nullable(),
  /** Where a 差し戻し may go: "drafter" and earlier decision stages. */
  returnTargets: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type ApprovalAbilities = z.infer<typeof ApprovalAbilities>;

/** GET …/approvals/{id}: the approval (document, route, history), its ETag and the caller's abilities. */
export const ApprovalDetailView = z.object({
  approval: Approval,
  etag: z.string(),
  abilities: ApprovalAbilities,
  /** Opens the main document through Kōmu (…/approvals/{id}/content). */
  contentUrl: z.string().nullable(),
});
export type ApprovalDetailView = z.infer<typeof ApprovalDetailView>;

/** Route templates: GET …/approval-templates (the school's and the board's), PUT/POST by principals. */
export const RouteTemplateView = z.object({ template: RouteTemplate, etag: z.string(), shared: z.boolean() });
export type RouteTemplateView = z.infer<typeof RouteTemplateView>;
export const RouteTemplateListView = z.object({ items: z.array(RouteTemplateView) });
export type RouteTemplateListView = z.infer<typeof RouteTemplateListView>;
export { RouteTemplateInput };

/**
 * GET …/approvals/{id}/route-preview (the drafter, before submitting): the route the draft would
 * take now, each stage with the people its roles resolve to; `empty` stages would be refused
 * (APPROVAL_STAGE_EMPTY) on submission.
 */
export const RoutePreviewView = z.object({
  stages: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["approval", "consultation", "circulation", "final"]),
      label: z.string(),
      rule: z.object({ kind: z.enum(["all", "any", "nOfM"]), n: z.number().int().optional() }),
      people: z.array(Person.extend({ role: z.string() })),
      deputies: z.array(Person.extend({ role: z.string() })),
      empty: z.boolean(),
    }),
  ),
});
export type RoutePreviewView = z.infer<typeof RoutePreviewView>;
