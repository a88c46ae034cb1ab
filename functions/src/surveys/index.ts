/**
 * The surveys module (アンケート): drafts, audiences (staff by role, students and guardians by
 * class), sending as Teams cards, answering (cards, the tab, guardians' links), tracking who has
 * not answered, reminders, results. See README.md in this folder.
 *
 *   - createSurveysDeps(…): the module's adapters (built by the app's createDeps);
 *   - surveysEndpoints: its API routes (static paths before /surveys/{surveyId});
 *   - connectSurveys(…): cards in Teams (bot actions, the surveys.cards / surveys.remind effects).
 */
import type { Config } from "../config.js";
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Endpoint } from "../http/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { RosterDirectory } from "../roster/index.js";
import type { Storage } from "../storage/index.js";
import { createGraphGroupMembers, type GroupMembers } from "./audience/group-members.js";
import type { SurveysDeps } from "./deps.js";
import { formsEndpoints } from "./forms/index.js";
import { guardianEndpoints } from "./guardians/index.js";
import { resultsEndpoints } from "./results/index.js";

export type { SurveysDeps } from "./deps.js";

export function createSurveysDeps(input: {
  config: Pick<Config, "env" | "tab" | "surveys">;
  storage: Storage;
  graph: GraphGateway;
  records?: RecordsDeps;
  roster?: RosterDirectory;
  members?: GroupMembers;
  clock: () => Date;
  logger: Logger;
}): SurveysDeps {
  const endpoint = input.config.tab.endpoint;
  return {
    storage: input.storage,
    graph: input.graph,
    ...(input.records ? { records: input.records } : {}),
    ...(input.roster ? { roster: input.roster } : {}),
    members: input.members ?? createGraphGroupMembers(input.graph),
    clock: input.clock,
    logger: input.logger,
    linkKey: input.config.surveys.linkKey,
    publicUrl: input.config.surveys.publicUrl,
    ...(endpoint
      ? {
          openUrl: (schoolId: string, surveyId: string) =>
            `${endpoint}/surveys/answer/${encodeURIComponent(schoolId)}/${encodeURIComponent(surveyId)}`,
        }
      : {}),
  };
}

/** Core routes with static paths (before forms' POST …/surveys/forms and every {surveyId} route). */
const staticEndpoints: readonly Endpoint[] = [];
/** Core routes on /surveys/{surveyId}… */
const surveyEndpoints: readonly Endpoint[] = [];

export const surveysEndpoints: readonly Endpoint[] = [
  ...staticEndpoints,
  ...formsEndpoints,
  ...surveyEndpoints,
  ...guardianEndpoints,
  ...resultsEndpoints,
];
