import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import {
  APPROVALS_TAG,
  ApprovalDetailSchema,
  ApprovalParam,
  ApprovalSummarySchema,
  SchoolParam,
} from "./common.types.js";

export const listApprovalsRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/approvals",
  tags: [APPROVALS_TAG],
  summary: "決裁の一覧 / Approval lists",
  description:
    "box = waiting（承認待ち: 自分の番）/ drafts（起案中: 自分の未完了）/ done（完了）/ school（学校の回付中すべて: 校長・教頭）。 Lists: my turn, my unfinished drafts, finished, or everything on a route in the school (principal, vice principal).",
  security: BEARER_SECURITY,
  request: {
    params: SchoolParam,
    query: z.object({
      box: z.enum(["waiting", "drafts", "done", "school"]).optional(),
      limit: z
        .string()
        .regex(/^\d{1,3}$/)
        .optional(),
      cursor: z
        .string()
        .regex(/^\d{1,5}$/)
        .optional(),
    }),
  },
  responses: {
    200: {
      description: "Newest first",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(ApprovalSummarySchema), next: z.string().optional() }),
        },
      },
    },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});

export const getApprovalRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/approvals/{approvalId}",
  tags: [APPROVALS_TAG],
  summary: "決裁の詳細 / An approval",
  security: BEARER_SECURITY,
  request: { params: ApprovalParam },
  responses: {
    200: { description: "Document, route, history", content: { "application/json": { schema: ApprovalDetailSchema } } },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});

export const approvalContentRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/approvals/{approvalId}/content",
  tags: [APPROVALS_TAG],
  summary: "本文 PDF / The main document",
  description: "決裁後は押印済み PDF（original=1 で元の PDF）。 After 決裁 the sealed PDF (original=1: the original).",
  security: BEARER_SECURITY,
  request: { params: ApprovalParam, query: z.object({ original: z.enum(["0", "1"]).optional() }) },
  responses: {
    200: {
      description: "The PDF",
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});
