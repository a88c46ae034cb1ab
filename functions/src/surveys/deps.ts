/**
 * What the surveys module runs with (built by the app's createDeps; tests build it from the
 * local platform). Modules' engineers: add fields here additively.
 */
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { EffectHandlers } from "../outbox/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { RosterDirectory } from "../roster/index.js";
import type { Storage } from "../storage/index.js";
import type { GroupMembers } from "./audience/group-members.js";

export interface SurveysDeps {
  storage: Storage;
  graph: GraphGateway;
  /** The records library (archiving results); absent in hosts built without it. */
  records?: RecordsDeps;
  clock: () => Date;
  logger: Logger;
  /** Signs guardians' links and keys anonymous responses (config.surveys.linkKey); undefined: unavailable. */
  linkKey: string | undefined;
  /** Public origin guardians open (config.surveys.publicUrl), no trailing slash. */
  publicUrl: string | undefined;
  /** Members of trusted groups `komu-<schoolId>-<role|staff>` (staff audiences). */
  members?: GroupMembers;
  /** The class roster (students and guardians audiences); absent: those audiences are empty. */
  roster?: RosterDirectory;
  /** A https link that opens the survey in the tab (cards of long surveys); none when unset. */
  openUrl?: (schoolId: string, surveyId: string) => string;
  /** A person's Teams id (29:…) when the bot knows it (refresh.userIds of their card). */
  teamsIdOf?: (oid: string) => Promise<string | undefined>;
  /** The host's effect handlers (the inline delivery after open / remind); absent: the worker delivers. */
  handlers?: () => EffectHandlers;
}
