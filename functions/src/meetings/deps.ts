/**
 * What the meetings module runs with (built by the app's createDeps; tests build it from the
 * local platform). The records module's deps are reused: staged uploads, the school's library.
 * Engineers of notes/, minutes/, after/: add fields additively (optional), re-read this file first.
 */
import type { ApprovalsDeps } from "../approvals/deps.js";
import type { RoleDirectory } from "../approvals/role-directory.js";
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { EffectHandlers } from "../outbox/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";
import type { MeetingGroups } from "./attendees/groups.js";

export interface MeetingsDeps {
  storage: Storage;
  graph: GraphGateway;
  /** The records library (staged uploads, the school's drive, filing). */
  records: RecordsDeps;
  /** Who is staff of a school now (named attendees: trusted groups). */
  roles: RoleDirectory;
  /** Trusted groups `komu-<schoolId>-<role|staff>`: their ids (folder invites) and members (attendees). */
  groups: MeetingGroups;
  clock: () => Date;
  logger: Logger;
  /** The approvals module (minutes routed for 決裁); absent in hosts built without it. */
  approvals?: ApprovalsDeps;
  /** An https link that opens the meeting in the tab (the card's 資料を開く); none when unset. */
  openUrl?: (schoolId: string, meetingId: string) => string;
  /** A person's Teams id (29:…) when the bot knows it (refresh.userIds of their card). */
  teamsIdOf?: (oid: string) => Promise<string | undefined>;
  /** The host's effect handlers (inline delivery after distribute / upload); absent: the worker delivers. */
  handlers?: () => EffectHandlers;
}
