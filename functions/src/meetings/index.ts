/**
 * The meetings module (ペーパーレス会議): meetings and their attendees, materials in the school's
 * library, distribution (calendar event + Teams join link, one folder invite, a card each),
 * reading; notes, minutes and after-meeting work live in notes/, minutes/, after/, text/.
 * See README.md in this folder.
 *
 *   - createMeetingsDeps(…): the module's adapters (built by the app's createDeps);
 *   - meetingsEndpoints: its API routes (static paths before /meetings/{meetingId});
 *   - connectMeetings(…): the outbox effects (material upload, cards, update notices).
 */
import type { ApprovalsDeps } from "../approvals/deps.js";
import { retryOnRace } from "../approvals/effects-retry.js";
import { createGraphRoleDirectory, type RoleDirectory } from "../approvals/role-directory.js";
import type { BotHandler, ConversationStore } from "../bot/index.js";
import type { Config } from "../config.js";
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Endpoint } from "../http/types.js";
import type { EffectHandlers } from "../outbox/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";
import { afterEndpoints } from "./after/index.js";
import { createGraphMeetingGroups, type MeetingGroups } from "./attendees/groups.js";
import type { MeetingsDeps } from "./deps.js";
import { MEETINGS_CARDS_EFFECT, meetingCardsHandler } from "./distribute/cards-effect.js";
import { MEETINGS_NOTIFY_EFFECT, meetingNotifyHandler } from "./distribute/notify-effect.js";
import { meetingOpenUrl } from "./links.js";
import { MEETINGS_MATERIAL_EFFECT, materialUploadHandler } from "./materials/upload-effect.js";
import { minutesEndpoints } from "./minutes/index.js";
import { MEETINGS_REANCHOR_EFFECT, reanchorEffectHandler } from "./notes/carry-effect.js";
import { notesEndpoints } from "./notes/index.js";
import {
  addMaterialEndpoint,
  attendeePreviewEndpoint,
  cancelMeetingEndpoint,
  createMeetingEndpoint,
  distributeEndpoint,
  getMeetingEndpoint,
  listMeetingsEndpoint,
  materialContentEndpoint,
  readStatusEndpoint,
  recordReadEndpoint,
  replaceMaterialEndpoint,
  updateMeetingEndpoint,
} from "./routes/meetings.js";
import { textEndpoints } from "./text/index.js";

export type { MeetingsDeps } from "./deps.js";

export function createMeetingsDeps(input: {
  config: Pick<Config, "env" | "tab">;
  storage: Storage;
  graph: GraphGateway;
  records: RecordsDeps;
  approvals?: ApprovalsDeps;
  roles?: RoleDirectory;
  groups?: MeetingGroups;
  clock: () => Date;
  logger: Logger;
}): MeetingsDeps {
  const openUrl = meetingOpenUrl(input.config);
  return {
    storage: input.storage,
    graph: input.graph,
    records: input.records,
    roles: input.roles ?? createGraphRoleDirectory(input.graph),
    groups: input.groups ?? createGraphMeetingGroups(input.graph),
    clock: input.clock,
    logger: input.logger,
    ...(input.approvals ? { approvals: input.approvals } : {}),
    ...(openUrl ? { openUrl } : {}),
  };
}

/** Core routes with static paths (before every {meetingId} route). */
const staticEndpoints: readonly Endpoint[] = [listMeetingsEndpoint, createMeetingEndpoint, attendeePreviewEndpoint];
/** Core routes on /meetings/{meetingId}… */
const meetingEndpoints: readonly Endpoint[] = [
  getMeetingEndpoint,
  updateMeetingEndpoint,
  cancelMeetingEndpoint,
  addMaterialEndpoint,
  replaceMaterialEndpoint,
  materialContentEndpoint,
  distributeEndpoint,
  recordReadEndpoint,
  readStatusEndpoint,
];

/**
 * Connects the module to the bot and the outbox: the effects `meetings.material` (a material
 * version into SharePoint), `meetings.cards` (the card of each attendee), `meetings.notify`
 * (material update cards) and `meetings.reanchor` (notes carried to a new version, notes/).
 */
export function connectMeetings(input: {
  meetings: MeetingsDeps;
  bot: BotHandler;
  conversations: Pick<ConversationStore, "get">;
  handlers: () => EffectHandlers;
}): EffectHandlers {
  const { meetings } = input;
  meetings.teamsIdOf = async (oid) => (await input.conversations.get(oid))?.userId;
  meetings.handlers = input.handlers;
  return {
    [MEETINGS_MATERIAL_EFFECT]: materialUploadHandler(meetings),
    [MEETINGS_CARDS_EFFECT]: retryOnRace(meetingCardsHandler(meetings, input.bot)),
    [MEETINGS_NOTIFY_EFFECT]: retryOnRace(meetingNotifyHandler(meetings, input.bot)),
    [MEETINGS_REANCHOR_EFFECT]: reanchorEffectHandler(meetings),
  };
}

export const meetingsEndpoints: readonly Endpoint[] = [
  ...staticEndpoints,
  ...meetingEndpoints,
  ...textEndpoints,
  ...notesEndpoints,
  ...minutesEndpoints,
  ...afterEndpoints,
];
