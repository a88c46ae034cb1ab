/**
 * The approvals module (電子決裁): drafts, route templates by role, submission (roles resolved
 * to people through Graph groups), decisions exactly once (ETag on the approval row), lists and
 * detail with access. See README.md in this folder. The sealed PDF lives in ./pdf (another
 * engineer's area).
 *
 *   - createApprovalsDeps(…): the module's adapters (built by the app's createDeps);
 *   - approvalsEndpoints: its API routes (static paths before /approvals/{approvalId}).
 */
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Endpoint } from "../http/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";
import type { ApprovalsDeps } from "./deps.js";
import { createGraphRoleDirectory, type RoleDirectory } from "./role-directory.js";
import { decisionEndpoint, reviewEndpoint, withdrawEndpoint } from "./routes/actions.js";
import { createDraftEndpoint, submitEndpoint, updateDraftEndpoint } from "./routes/drafts.js";
import { approvalContentEndpoint, getApprovalEndpoint, listApprovalsEndpoint } from "./routes/read.js";
import { createTemplateEndpoint, listTemplatesEndpoint, replaceTemplateEndpoint } from "./routes/templates.js";

export { actOnApproval } from "./decide/act-on-approval.js";
export type { ApprovalsDeps } from "./deps.js";

export function createApprovalsDeps(input: {
  storage: Storage;
  graph: GraphGateway;
  records: RecordsDeps;
  clock: () => Date;
  logger: Logger;
  roles?: RoleDirectory;
}): ApprovalsDeps {
  return {
    storage: input.storage,
    graph: input.graph,
    records: input.records,
    roles: input.roles ?? createGraphRoleDirectory(input.graph),
    clock: input.clock,
    logger: input.logger,
  };
}

export const approvalsEndpoints: readonly Endpoint[] = [
  listTemplatesEndpoint,
  createTemplateEndpoint,
  replaceTemplateEndpoint,
  listApprovalsEndpoint,
  createDraftEndpoint,
  getApprovalEndpoint,
  updateDraftEndpoint,
  approvalContentEndpoint,
  submitEndpoint,
  decisionEndpoint,
  withdrawEndpoint,
  reviewEndpoint,
];
