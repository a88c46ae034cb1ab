import { DraftCreateInput, DraftUpdateInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { createDraft } from "../drafts/create-draft.js";
import { updateDraft } from "../drafts/update-draft.js";
import { previewRoute } from "../submit/preview-route.js";
import { submitApproval } from "../submit/submit-approval.js";
import { toDetail } from "../view.js";
import { approvalsOf, parseWith, requireIfMatch } from "./common.js";
import { createDraftRoute, routePreviewRoute, submitRoute, updateDraftRoute } from "./drafts.types.js";

export const createDraftEndpoint: Endpoint = {
  route: createDraftRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 32 * 1024, required: true },
  register(app, deps) {
    app.openapi(createDraftRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      const input = parseWith(DraftCreateInput, c.req.valid("json"));
      const row = await createDraft(approvalsOf(deps), { schoolId, principal, input });
      c.header("ETag", row.etag);
      return c.json(toDetail(row, principal), 201);
    });
  },
};

export const updateDraftEndpoint: Endpoint = {
  route: updateDraftRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 32 * 1024, required: true },
  register(app, deps) {
    app.openapi(updateDraftRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      const principal = c.get("principal");
      const etag = requireIfMatch(c.req.header("if-match"));
      const input = parseWith(DraftUpdateInput, c.req.valid("json"));
      const row = await updateDraft(approvalsOf(deps), { schoolId, approvalId, principal, input, etag });
      c.header("ETag", row.etag);
      return c.json(toDetail(row, principal), 200);
    });
  },
};

export const submitEndpoint: Endpoint = {
  route: submitRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(submitRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      const principal = c.get("principal");
      const etag = requireIfMatch(c.req.header("if-match"));
      const { row } = await submitApproval(approvalsOf(deps), { schoolId, approvalId, principal, etag });
      c.header("ETag", row.etag);
      return c.json(toDetail(row, principal), 200);
    });
  },
};

export const routePreviewEndpoint: Endpoint = {
  route: routePreviewRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(routePreviewRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      return c.json(
        await previewRoute(approvalsOf(deps), { schoolId, approvalId, principal: c.get("principal") }),
        200,
      );
    });
  },
};
