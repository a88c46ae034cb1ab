/**
 * The local wiring: the same real adapters as in Azure (Azure Storage → Azurite, Graph and
 * Entra → the local Microsoft 365 tenant, the bot → its Bot Connector), chosen only by
 * configuration (env/.env.local). Nothing here is a fake.
 */
import type { Config } from "../config.js";
import { type CreateDepsOptions, consoleLogger, createDeps, type Logger, type RuntimeDeps } from "../deps.js";

/** A compact, human-readable logger for the dev host's terminal. */
export const devLogger: Logger = {
  info: (message, data) => console.info(`[api] ${message}${data ? ` ${JSON.stringify(data)}` : ""}`),
  warn: (message, data) => console.warn(`[api] ⚠ ${message}${data ? ` ${JSON.stringify(data)}` : ""}`),
  error: (message, data) => console.error(`[api] ✖ ${message}${data ? ` ${JSON.stringify(data)}` : ""}`),
};

export function createLocalDeps(config: Config, options: CreateDepsOptions = {}): Promise<RuntimeDeps> {
  return createDeps(config, { logger: config.env === "local" ? devLogger : consoleLogger, ...options });
}
