/**
 * @komu/functions — the API and bot host. What other workspaces use:
 *   - createApp(deps) / coreEndpoints: the Hono app (functions/src/app.ts)
 *   - loadConfig(env), loadEnvFile(path): configuration (functions/src/config.ts)
 *   - createDeps(config) / createLocalDeps(config): real adapters
 *   - startApi({ config, port, staticDir }): the local host (functions/src/local/server.ts)
 */
export { type CreateAppOptions, createApp, DOCS_PATH, OPENAPI_PATH } from "./app.js";
export { type Config, loadConfig, loadEnvFile, parseEnvFile } from "./config.js";
export {
  API_SCOPE,
  type AppDeps,
  type BotHandler,
  type CreateDepsOptions,
  consoleLogger,
  createDeps,
  type Logger,
  type RuntimeDeps,
  type School,
  type SchoolDirectory,
  silentLogger,
  type TaskContext,
  type TaskSource,
} from "./deps.js";
export { createGraphGateway, type GraphGateway, type GraphGroupRef } from "./graph/gateway.js";
export { createGraphSchoolDirectory, createStaticSchoolDirectory } from "./graph/school-directory.js";
export type { Endpoint, KomuApp, KomuEnv } from "./http/types.js";
export { createPrincipalResolver, type PrincipalResolver } from "./identity/principal.js";
export { createTokenValidator, type TokenValidator, type VerifiedToken } from "./identity/token-validator.js";
export { createLocalDeps } from "./local/deps.js";
export { type RunningApi, type StartApiOptions, startApi } from "./local/server.js";
export { coreEndpoints, coreTaskSources } from "./routes/index.js";
