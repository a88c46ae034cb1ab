/**
 * The approvals module (電子決裁): drafts, route templates by role, submission (roles resolved
 * to people through Graph groups), decisions exactly once (ETag on the approval row), lists and
 * detail with access. See README.md in this folder. The sealed PDF lives in ./pdf (another
 * engineer's area).
 *
 *   - createApprovalsDeps(…): the module's adapters (built by the app's createDeps);
 *   - approvalsEndpoints: its API routes (static paths before /approvals/{approvalId});
 *   - connectApprovals(…): cards in Teams (bot actions, the approvals.cards effect, publishing).
 */
import type { BotHandler, ConversationStore } from "../bot/index.js";
import type { Logger, SchoolDirectory } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Endpoint } from "../http/types.js";
import type { PrincipalResolver } from "../identity/principal.js";
import type { EffectHandlers } from "../outbox/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";
import { registerApprovalActions } from "./cards/actions.js";
import { APPROVALS_CARDS_EFFECT, approvalsCardsHandler } from "./cards/notify-effect.js";
import { createCardsPublisher } from "./cards/publish.js";
import { APPROVALS_AUDIT_EFFECT, approvalsAuditHandler } from "./decide/commit-transition.js";
import type { ApprovalsDeps } from "./deps.js";
import { retryOnRace } from "./effects-retry.js";
import { APPROVALS_FINALIZE_EFFECT, approvalsFinalizeHandler } from "./finalize/finalize-effect.js";
import type { ApprovalLinks } from "./links.js";
import type { SigningKey } from "./pdf/sign-pdf.js";
import { createGraphRoleDirectory, type RoleDirectory } from "./role-directory.js";
import { decisionEndpoint, reviewEndpoint, withdrawEndpoint } from "./routes/actions.js";
import { createDraftEndpoint, routePreviewEndpoint, submitEndpoint, updateDraftEndpoint } from "./routes/drafts.js";
import { approvalContentEndpoint, getApprovalEndpoint, listApprovalsEndpoint } from "./routes/read.js";
import { deleteSealEndpoint, getSealEndpoint, putSealEndpoint } from "./routes/seal.js";
import {
  createTemplateEndpoint,
  listTemplatesEndpoint,
  replaceTemplateEndpoint,
  templatePreviewEndpoint,
} from "./routes/templates.js";

export { APPROVALS_CARDS_EFFECT } from "./cards/notify-effect.js";
export { actOnApproval } from "./decide/act-on-approval.js";
export type { ApprovalsDeps } from "./deps.js";

export { approvalLinks } from "./links.js";

export function createApprovalsDeps(input: {
  storage: Storage;
  graph: GraphGateway;
  records: RecordsDeps;
  clock: () => Date;
  logger: Logger;
  roles?: RoleDirectory;
  /** The organisation certificate (read once by the host: pdf/signingKeyFromEnv); none: unsigned. */
  signing?: SigningKey | null;
  /** Links into the tab (links.ts: approvalLinks(config)). */
  links?: ApprovalLinks;
}): ApprovalsDeps {
  return {
    ...(input.links?.openUrl ? { openUrl: input.links.openUrl } : {}),
    ...(input.links?.verifyUrl ? { verifyUrl: input.links.verifyUrl } : {}),
    storage: input.storage,
    graph: input.graph,
    records: input.records,
    roles: input.roles ?? createGraphRoleDirectory(input.graph),
    signing: input.signing ?? null,
    clock: input.clock,
    logger: input.logger,
  };
}

export const approvalsEndpoints: readonly Endpoint[] = [
  listTemplatesEndpoint,
  createTemplateEndpoint,
  putSealEndpoint,
  getSealEndpoint,
  deleteSealEndpoint,
  replaceTemplateEndpoint,
  templatePreviewEndpoint,
  listApprovalsEndpoint,
  createDraftEndpoint,
  getApprovalEndpoint,
  updateDraftEndpoint,
  approvalContentEndpoint,
  routePreviewEndpoint,
  submitEndpoint,
  decisionEndpoint,
  withdrawEndpoint,
  reviewEndpoint,
];

/**
 * Connects the module to the bot and the outbox: the card actions (approval.view/approve/return/reject/delegate),
 * Teams ids for refresh.userIds from the bot's conversation store, and publishing of each
 * committed transition to the outbox effects `approvals.cards` and, at 決裁, `approvals.finalize`
 * (number, seal, file); the handlers are returned, to be registered.
 */
export function connectApprovals(input: {
  approvals: ApprovalsDeps;
  bot: BotHandler;
  principals: Pick<PrincipalResolver, "resolveObjectId">;
  conversations: Pick<ConversationStore, "get">;
  /** School display names for the 決裁証明. */
  schools?: Pick<SchoolDirectory, "get">;
  /** All of the host's effect handlers (read lazily: the inline delivery after a decision). */
  handlers: () => EffectHandlers;
}): EffectHandlers {
  const { approvals } = input;
  approvals.teamsIdOf = async (oid) => (await input.conversations.get(oid))?.userId;
  approvals.publish = createCardsPublisher({
    storage: approvals.storage,
    handlers: input.handlers,
    logger: approvals.logger,
  });
  registerApprovalActions(input.bot, approvals, input.principals);
  return {
    [APPROVALS_CARDS_EFFECT]: retryOnRace(approvalsCardsHandler(approvals, input.bot)),
    [APPROVALS_AUDIT_EFFECT]: approvalsAuditHandler(approvals),
    [APPROVALS_FINALIZE_EFFECT]: retryOnRace(
      approvalsFinalizeHandler({
        ...approvals,
        ...(input.schools ? { schoolName: async (id: string) => (await input.schools?.get(id))?.name } : {}),
      }),
    ),
  };
}
