import { DecisionInput, WithdrawInput } from "@komu/shared";
import { z } from "zod";
import type { Endpoint } from "../../http/types.js";
import { actOnApproval } from "../decide/act-on-approval.js";
import { toDetail } from "../view.js";
import { decisionRoute, reviewRoute, withdrawRoute } from "./actions.types.js";
import { approvalsOf, parseWith, requireIfMatch } from "./common.js";

const ReviewInput = z.object({ stageId: z.string().min(1).max(32) });

export const decisionEndpoint: Endpoint = {
  route: decisionRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 8 * 1024, required: true },
  register(app, deps) {
    app.openapi(decisionRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      const principal = c.get("principal");
      const action = parseWith(DecisionInput, c.req.valid("json"));
      const etag = c.req.header("if-match")?.trim();
      const { row } = await actOnApproval(approvalsOf(deps), {
        schoolId,
        approvalId,
        principal,
        action,
        via: "tab",
        ...(etag ? { etag } : {}),
      });
      c.header("ETag", row.etag);
      return c.json(toDetail(row, principal), 200);
    });
  },
};

export const withdrawEndpoint: Endpoint = {
  route: withdrawRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 8 * 1024, required: true },
  register(app, deps) {
    app.openapi(withdrawRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      const principal = c.get("principal");
      const etag = requireIfMatch(c.req.header("if-match"));
      const input = parseWith(WithdrawInput, c.req.valid("json"));
      const { row } = await actOnApproval(approvalsOf(deps), {
        schoolId,
        approvalId,
        principal,
        action: { type: "withdraw", ...(input.comment ? { comment: input.comment } : {}) },
        via: "tab",
        etag,
      });
      c.header("ETag", row.etag);
      return c.json(toDetail(row, principal), 200);
    });
  },
};

export const reviewEndpoint: Endpoint = {
  route: reviewRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 1024, required: true },
  register(app, deps) {
    app.openapi(reviewRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      const principal = c.get("principal");
      const { stageId } = parseWith(ReviewInput, c.req.valid("json"));
      const { row } = await actOnApproval(approvalsOf(deps), {
        schoolId,
        approvalId,
        principal,
        action: { type: "review", stageId },
        via: "tab",
      });
      c.header("ETag", row.etag);
      return c.json(toDetail(row, principal), 200);
    });
  },
};
