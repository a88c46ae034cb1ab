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
import { createGraphRoleDirectory, type RoleDirectory } from "../approvals/role-directory.js";
import type { Config } from "../config.js";
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Endpoint } from "../http/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";
import { afterEndpoints } from "./after/index.js";
import { createGraphMeetingGroups, type MeetingGroups } from "./attendees/groups.js";
import type { MeetingsDeps } from "./deps.js";
import { meetingOpenUrl } from "./links.js";
import { minutesEndpoints } from "./minutes/index.js";
import { notesEndpoints } from "./notes/index.js";
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
const staticEndpoints: readonly Endpoint[] = [];
/** Core routes on /meetings/{meetingId}… */
const meetingEndpoints: readonly Endpoint[] = [];

export const meetingsEndpoints: readonly Endpoint[] = [
  ...staticEndpoints,
  ...meetingEndpoints,
  ...textEndpoints,
  ...notesEndpoints,
  ...minutesEndpoints,
  ...afterEndpoints,
];
