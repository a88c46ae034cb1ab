/**
 * What the API host is given. Every adapter is passed in (no singletons), so tests swap them
 * without module mocking; `createApp(deps)` wires routes to these.
 */
import type { Principal, Task } from "@komu/shared";
import type { Config } from "./config.js";
import type { GraphGateway } from "./graph/gateway.js";
import type { PrincipalResolver } from "./identity/principal.js";
import type { TokenValidator } from "./identity/token-validator.js";
import type { Storage } from "./storage/index.js";

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
}

export const consoleLogger: Logger = {
  info: (message, data) => console.info(JSON.stringify({ level: "info", message, ...data })),
  warn: (message, data) => console.warn(JSON.stringify({ level: "warn", message, ...data })),
  error: (message, data) => console.error(JSON.stringify({ level: "error", message, ...data })),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
