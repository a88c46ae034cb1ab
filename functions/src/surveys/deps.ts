/**
 * What the surveys module runs with (built by the app's createDeps; tests build it from the
 * local platform). Modules' engineers: add fields here additively.
 */
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";

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
}
