/** OpenAPI routes of the disposal (廃棄) (schemas: shared/src/records/api.ts). */
import { createRoute, z } from "@hono/zod-openapi";
import { DecideDisposalInput, DisposalItemView, DisposalView, ProposeDisposalInput } from "@komu/shared";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "../../../routes/common.types.js";

const TAGS = ["records"];
const schoolId = SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" });

export const SchoolParams = z.object({ schoolId });
export const DisposalParams = z.object({
  schoolId,
  disposalId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "a disposal id (UUID)")
    .openapi({ param: { name: "disposalId", in: "path" } }),
});
export const CandidatesQuery = z.object({
  fiscalYear: z.coerce
    .number()
    .int()
    .min(1989)
    .max(2200)
    .optional()
    .openapi({
      param: { name: "fiscalYear", in: "query" },
      example: 2026,
      description: "既定は今年度 / default: this 年度",
    }),
});
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "if-match", in: "header" }, description: "ETag of the item (RFC 9110 If-Match)" }),
});

export const DisposalCandidates = z
  .object({ fiscalYear: z.number().int(), items: z.array(DisposalItemView) })
  .openapi("DisposalCandidates");
export const DisposalList = z.object({ items: z.array(DisposalView) }).openapi("DisposalList");

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

export const candidatesRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/disposals/candidates",
  tags: TAGS,
  summary: "廃棄候補 / Records due for disposal",
  description:
    "保存期限がその年度末までに満了する保存済みの文書（作成中・決定待ちの一覧にあるものを除く）。 Filed records whose retention ends by the end of the 年度, less those on an open list.",
  security: BEARER_SECURITY,
  request: { params: SchoolParams, query: CandidatesQuery },
  responses: {
    200: { description: "OK", content: json(DisposalCandidates) },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});

export const proposeRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/disposals",
  tags: TAGS,
  summary: "廃棄予定一覧の作成 / Prepare the list of records to dispose of",
  description:
    "その時点の候補（exclude を除く、保存期限の古い順に最大 500 件）で一覧を作り、校長の承認を待ちます。候補がなければ 422 NOTHING_TO_DISPOSE。 Builds the list from the current candidates (less `exclude`, oldest first, at most 500) for the principal's decision.",
  security: BEARER_SECURITY,
  request: { params: SchoolParams, body: { content: json(ProposeDisposalInput), required: true } },
  responses: {
    201: { description: "Proposed", content: json(DisposalView) },
    ...errorResponses(400, 413, 415, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const listDisposalsRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/disposals",
  tags: TAGS,
  summary: "廃棄予定一覧 / Disposal lists",
  description: "新しい順。 Newest first.",
  security: BEARER_SECURITY,
  request: { params: SchoolParams },
  responses: {
    200: { description: "OK", content: json(DisposalList) },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});

export const getDisposalRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/disposals/{disposalId}",
  tags: TAGS,
  summary: "廃棄予定一覧 / A disposal list",
  description:
    "各文書の状態（削除済み・期限待ち・失敗とその理由）。 With each record's state (deleted, awaiting expiry, failed and why).",
  security: BEARER_SECURITY,
  request: { params: DisposalParams },
  responses: {
    200: { description: "OK", content: json(DisposalView) },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});

export const decideRoute = createRoute({
  method: "post",
  path: "/api/schools/{schoolId}/disposals/{disposalId}/decision",
  tags: TAGS,
  summary: "廃棄の承認・却下 / Approve or reject a disposal list",
  description:
    "校長のみ（If-Match 必須）。承認すると保存期限を過ぎた文書を SharePoint から削除し、文書ごとにハッシュ・承認者・日時を監査ログに記録します。期限前の文書は満了後に削除します。同じ決定の再送は同じ結果、別の決定は 409 DISPOSAL_ALREADY_DECIDED。 " +
    "The principal only (If-Match). Approval deletes records whose retention has passed from SharePoint, auditing each with its hash, the approver and the time; the others are deleted once their retention passes. The same decision again answers the decided list; another one is 409.",
  security: BEARER_SECURITY,
  request: {
    params: DisposalParams,
    headers: IfMatchHeader,
    body: { content: json(DecideDisposalInput), required: true },
  },
  responses: {
    200: { description: "Decided", content: json(DisposalView) },
    ...errorResponses(400, 404, 409, 412, 428, ...AUTHENTICATED_ERRORS),
  },
});
