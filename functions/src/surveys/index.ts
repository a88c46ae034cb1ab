/**
 * The surveys module (アンケート): drafts, audiences (staff by role, students and guardians by
 * class), sending as Teams cards, answering (cards, the tab, guardians' links), tracking who has
 * not answered, reminders, results. See README.md in this folder.
 *
 *   - createSurveysDeps(…): the module's adapters (built by the app's createDeps);
 *   - surveysEndpoints: its API routes (static paths before /surveys/{surveyId});
 *   - connectSurveys(…): cards in Teams (bot actions, the surveys.cards / surveys.remind effects).
 */
import { retryOnRace } from "../approvals/effects-retry.js";
import type { BotHandler, ConversationStore } from "../bot/index.js";
import type { Config } from "../config.js";
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Endpoint } from "../http/types.js";
import type { PrincipalResolver } from "../identity/principal.js";
import type { EffectHandlers } from "../outbox/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { RosterDirectory } from "../roster/index.js";
import type { Storage } from "../storage/index.js";
import { createGraphGroupMembers, type GroupMembers } from "./audience/group-members.js";
import { registerSurveyActions } from "./cards/actions.js";
import { SURVEYS_CARDS_EFFECT, surveysCardsHandler } from "./cards/send-effect.js";
import type { SurveysDeps } from "./deps.js";
import { formsEndpoints } from "./forms/index.js";
import { guardianEndpoints } from "./guardians/index.js";
import { SURVEYS_REMIND_EFFECT, surveysRemindHandler } from "./remind/remind-effect.js";
import { resultsEndpoints } from "./results/index.js";
import {
  audiencePreviewEndpoint,
  createSurveyEndpoint,
  deleteSurveyEndpoint,
  getSurveyEndpoint,
  listSurveysEndpoint,
  surveyTemplatesEndpoint,
  updateSurveyEndpoint,
} from "./routes/drafts.js";
import {
  closeSurveyEndpoint,
  openSurveyEndpoint,
  remindEndpoint,
  surveyDeadlineEndpoint,
  trackingEndpoint,
} from "./routes/lifecycle.js";
import { assignedSurveysEndpoint, getMyResponseEndpoint, putMyResponseEndpoint } from "./routes/respond.js";

export type { SurveysDeps } from "./deps.js";
export { surveysTaskSource } from "./tasks/task-source.js";

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
const staticEndpoints: readonly Endpoint[] = [
  assignedSurveysEndpoint,
  listSurveysEndpoint,
  createSurveyEndpoint,
  surveyTemplatesEndpoint,
  audiencePreviewEndpoint,
];
/** Core routes on /surveys/{surveyId}… */
const surveyEndpoints: readonly Endpoint[] = [
  getSurveyEndpoint,
  updateSurveyEndpoint,
  deleteSurveyEndpoint,
  openSurveyEndpoint,
  closeSurveyEndpoint,
  surveyDeadlineEndpoint,
  trackingEndpoint,
  remindEndpoint,
  getMyResponseEndpoint,
  putMyResponseEndpoint,
];

export const surveysEndpoints: readonly Endpoint[] = [
  ...staticEndpoints,
  ...formsEndpoints,
  ...surveyEndpoints,
  ...guardianEndpoints,
  ...resultsEndpoints,
];

/**
 * Connects the module to the bot and the outbox: the card actions (survey.view/submit/save/edit),
 * Teams ids for refresh.userIds from the bot's conversation store, and the effects
 * `surveys.cards` (cards at open) and `surveys.remind` (reminders); the handlers are returned, to be registered.
 */
export function connectSurveys(input: {
  surveys: SurveysDeps;
  bot: BotHandler;
  principals: Pick<PrincipalResolver, "resolveObjectId">;
  conversations: Pick<ConversationStore, "get">;
  /** All of the host's effect handlers (read lazily: the inline delivery after open / remind). */
  handlers: () => EffectHandlers;
}): EffectHandlers {
  const { surveys } = input;
  surveys.teamsIdOf = async (oid) => (await input.conversations.get(oid))?.userId;
  surveys.handlers = input.handlers;
  registerSurveyActions(input.bot, surveys, input.principals);
  return {
    [SURVEYS_CARDS_EFFECT]: retryOnRace(surveysCardsHandler(surveys, input.bot)),
    [SURVEYS_REMIND_EFFECT]: retryOnRace(surveysRemindHandler(surveys, input.bot)),
  };
}
