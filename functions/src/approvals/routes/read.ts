import { ApprovalListQuery, ensureCan, KomuError, type Principal } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { contentDisposition } from "../../records/read/content.js";
import { ensureSee } from "../access.js";
import { approvalsRepos } from "../entities.js";
import { sealedBlobName } from "../finalize/finalize-effect.js";
import { listApprovals } from "../list/list-approvals.js";
import { approvalOf, toDetail } from "../view.js";
import { approvalsOf, parseWith } from "./common.js";
import { approvalContentRoute, getApprovalRoute, listApprovalsRoute } from "./read.types.js";

export const listApprovalsEndpoint: Endpoint = {
  route: listApprovalsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listApprovalsRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const query = parseWith(ApprovalListQuery, c.req.valid("query"), "query");
      const page = await listApprovals(approvalsOf(deps).storage, { schoolId, principal: c.get("principal"), query });
      return c.json(page, 200);
    });
  },
};

async function readApproval(
  deps: Parameters<typeof approvalsOf>[0],
  principal: Principal,
  schoolId: string,
  approvalId: string,
) {
  ensureCan(principal, "approval.participate", { schoolId });
  const row = await approvalsRepos(approvalsOf(deps).storage).approvals.get(schoolId, approvalId);
  if (!row) throw new KomuError("NOT_FOUND", { details: { kind: "approval", id: approvalId } });
  return row;
}

export const getApprovalEndpoint: Endpoint = {
  route: getApprovalRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getApprovalRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      const principal = c.get("principal");
      const row = await readApproval(deps, principal, schoolId, approvalId);
      ensureSee(principal, approvalOf(row));
      c.header("ETag", row.etag);
      return c.json(toDetail(row, principal), 200);
    });
  },
};

export const approvalContentEndpoint: Endpoint = {
  route: approvalContentRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(approvalContentRoute, async (c) => {
      const { schoolId, approvalId } = c.req.valid("param");
      const row = await readApproval(deps, c.get("principal"), schoolId, approvalId);
      const approval = approvalOf(row);
      ensureSee(c.get("principal"), approval);
      const main = approval.main;
      const wantSealed = c.req.valid("query").original !== "1" && approval.filing.sealedSha256 !== null;
      const sealed = wantSealed
        ? await approvalsOf(deps).records.blobs.get(sealedBlobName(schoolId, approval.id))
        : undefined;
      const file =
        main && !sealed
          ? await approvalsRepos(approvalsOf(deps).storage).files.get(schoolId, `${approval.id}-${main.uploadId}`)
          : null;
      const bytes = sealed ?? (file ? await approvalsOf(deps).records.blobs.get(file.data.blobName) : undefined);
      if (!main || !bytes) throw new KomuError("NOT_FOUND", { details: { kind: "approvalContent", id: approvalId } });
      return new Response(bytes, {
        status: 200,
        headers: {
          "Content-Type": sealed ? "application/pdf" : main.mimeType,
          "Content-Disposition": contentDisposition(main.fileName).replace(/^attachment/, "inline"),
          "Content-Length": String(bytes.byteLength),
          "Cache-Control": "private, no-store",
          "X-Content-Type-Options": "nosniff",
          "X-Komu-Sealed": sealed ? "1" : "0",
        },
      }) as never;
    });
  },
};
