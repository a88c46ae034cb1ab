/**
 * What the API host is given. Every adapter is passed in (no singletons), so tests swap them
 * without module mocking; `createApp(deps)` wires routes to these.
 */
import type { Principal, Task } from "@komu/shared";
import { type ApprovalsDeps, approvalLinks, connectApprovals, createApprovalsDeps } from "./approvals/index.js";
import { signingKeyFromEnv } from "./approvals/pdf/index.js";
import { approvalsTaskSource } from "./approvals/tasks/task-source.js";
import { botConfigFrom } from "./bot/config.js";
import { type BotHandler as Bot, createBot, createTableConversationStore } from "./bot/index.js";
import type { Config } from "./config.js";
import { createGraphGateway, type GraphGateway } from "./graph/gateway.js";
import { createGraphSchoolDirectory } from "./graph/school-directory.js";
import { readVersion } from "./http/version.js";
import { createPrincipalResolver, type PrincipalResolver } from "./identity/principal.js";
import { createTokenValidator, type TokenValidator } from "./identity/token-validator.js";
import { connectMeetings, createMeetingsDeps, type MeetingsDeps } from "./meetings/index.js";
import { meetingsTaskSource } from "./meetings/minutes/index.js";
import type { EffectHandlers } from "./outbox/types.js";
import type { RecordsDeps } from "./records/deps.js";
import { disposalEffectHandlers } from "./records/disposal/effects.js";
import { createRecordsDeps, recordsEffectHandlers } from "./records/index.js";
import { createRosterDirectory, type RosterDirectory } from "./roster/index.js";
import { coreTaskSources } from "./routes/index.js";
import { createStorage, type Storage } from "./storage/index.js";
import { connectSurveys, createSurveysDeps, type SurveysDeps, surveysTaskSource } from "./surveys/index.js";

/** The delegated scope Kōmu's API requires in user tokens (Teams SSO: api://…/access_as_user). */
export const API_SCOPE = "access_as_user";

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** POST /api/messages is handed to the bot as a web Request (it validates its own Bot Framework token). */
export interface BotHandler {
  handle(request: Request): Promise<Response>;
}

export interface School {
  id: string;
  name: string;
}

/** The town's schools (and the board), for display names and existence checks. */
export interface SchoolDirectory {
  list(): Promise<School[]>;
  get(schoolId: string): Promise<School | undefined>;
}

/** Context a task source gets: the caller and the app's adapters. */
export interface TaskContext {
  principal: Principal;
  deps: AppDeps;
}

/** A module's contribution to "my tasks" on the home page. */
export interface TaskSource {
  id: string;
  list(ctx: TaskContext): Promise<Task[]>;
}

export interface AppDeps {
  config: Config;
  clock: () => Date;
  storage: Storage;
  graph: GraphGateway;
  principals: PrincipalResolver;
  tokenValidator: TokenValidator;
  bot: BotHandler;
  logger: Logger;
  schools: SchoolDirectory;
  /** Sources of "my tasks"; modules append theirs. */
  taskSources: TaskSource[];
  /** Reported by GET /api/health. */
  version: string;
  /** The records library module (学校文書); absent in hosts built without it (some tests). */
  records?: RecordsDeps;
  /** The approvals module (電子決裁); absent in hosts built without it. */
  approvals?: ApprovalsDeps;
  /** The class roster (名簿: students by grade and class, guardians); absent in hosts built without it. */
  roster?: RosterDirectory;
  /** The surveys module (アンケート); absent in hosts built without it. */
  surveys?: SurveysDeps;
  /** The meetings module (ペーパーレス会議); absent in hosts built without it. */
  meetings?: MeetingsDeps;
}

export const consoleLogger: Logger = {
  info: (message, data) => console.info(JSON.stringify({ level: "info", message, ...data })),
  warn: (message, data) => console.warn(JSON.stringify({ level: "warn", message, ...data })),
  error: (message, data) => console.error(JSON.stringify({ level: "error", message, ...data })),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Everything the host runs with in Azure and locally: the app's deps plus what jobs need. */
export interface RuntimeDeps extends AppDeps {
  /** Outbox effect handlers by kind (modules register theirs). */
  effectHandlers: EffectHandlers;
  /** The bot, with its proactive API (sendCardToUser, updateCard, onAction). */
  botApp: Bot;
  dispose(): Promise<void>;
}

export interface CreateDepsOptions {
  logger?: Logger;
  clock?: () => Date;
  /** Replace adapters (tests, the local dev host). */
  overrides?: Partial<Pick<AppDeps, "graph" | "schools" | "tokenValidator" | "principals">>;
}

/** Builds the real adapters from configuration: Azure Storage, Graph, token validation, the bot. */
export async function createDeps(config: Config, options: CreateDepsOptions = {}): Promise<RuntimeDeps> {
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? (() => new Date());
  const storage = await createStorage({
    connectionString: config.storage.connectionString,
    ...(config.storage.tablePrefix ? { tablePrefix: config.storage.tablePrefix } : {}),
    clock,
    logger,
  });
  const graph = options.overrides?.graph ?? createGraphGateway(config);
  const records = createRecordsDeps({ config, storage, graph, clock, logger });
  const approvals = createApprovalsDeps({
    storage,
    graph,
    records,
    clock,
    logger,
    signing: signingKeyFromEnv(),
    links: approvalLinks(config),
  });
  const conversations = createTableConversationStore({
    connectionString: config.storage.connectionString,
    ...(config.storage.tablePrefix ? { tablePrefix: config.storage.tablePrefix } : {}),
    tenantId: config.tenantId,
    now: clock,
  });
  const botApp = createBot({ config: botConfigFrom(config), conversations, clock, logger });
  const principals = options.overrides?.principals ?? createPrincipalResolver({ graph });
  const roster = createRosterDirectory(storage);
  const surveys = createSurveysDeps({ config, storage, graph, records, roster, clock, logger });
  const schools = options.overrides?.schools ?? createGraphSchoolDirectory(graph);
  const meetings = createMeetingsDeps({ config, storage, graph, records, approvals, clock, logger });
  const effectHandlers: EffectHandlers = {
    ...disposalEffectHandlers({ storage, graph, clock }),
    ...recordsEffectHandlers(records),
  };
  Object.assign(
    effectHandlers,
    connectApprovals({ approvals, bot: botApp, principals, conversations, schools, handlers: () => effectHandlers }),
  );
  Object.assign(
    effectHandlers,
    connectSurveys({ surveys, bot: botApp, principals, conversations, handlers: () => effectHandlers }),
  );
  Object.assign(
    effectHandlers,
    connectMeetings({ meetings, bot: botApp, conversations, handlers: () => effectHandlers }),
  );
  return {
    config,
    clock,
    storage,
    graph,
    principals,
    tokenValidator:
      options.overrides?.tokenValidator ??
      createTokenValidator({
        issuers: config.trustedIssuers,
        audiences: config.apiAudiences,
        tenantId: config.tenantId,
        clockSkewSeconds: 60,
        requiredScope: API_SCOPE,
      }),
    bot: botApp,
    botApp,
    logger,
    schools,
    // The approvals module's tasks need its tables (the core test app runs without them).
    taskSources: [...coreTaskSources(), approvalsTaskSource(), surveysTaskSource(), meetingsTaskSource()],
    version: readVersion(),
    records,
    approvals,
    roster,
    surveys,
    meetings,
    effectHandlers,
    dispose: () => storage.dispose(),
  };
}
