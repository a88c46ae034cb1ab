/**
 * The Azure Functions entry (programming model v4, native ESM). Configuration is validated here,
 * once, when the host loads the app; adapters are built on the first invocation and shared.
 * `@azure/functions` is CommonJS, so it is imported through its default export.
 */
import functions from "@azure/functions";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { consoleLogger, createDeps } from "../deps.js";
import { jobDefinitions } from "../jobs/definitions.js";
import type { JobDeps } from "../jobs/types.js";
import { queueName } from "../storage/names.js";
import { registerAzureFunctions } from "./register.js";

const config = loadConfig(process.env);
let deps: ReturnType<typeof createDeps> | undefined;
const getDeps = () => {
  deps ??= createDeps(config, { logger: consoleLogger });
  return deps;
};

registerAzureFunctions<JobDeps>(functions.app, {
  getApp: async () => createApp(await getDeps()),
  jobs: jobDefinitions,
  getJobDeps: async () => {
    const d = await getDeps();
    return {
      storage: d.storage,
      effectHandlers: d.effectHandlers,
      logger: d.logger,
      schools: d.schools,
      ...(d.records ? { records: d.records } : {}),
    };
  },
  queueName: (base) => queueName(config.storage.tablePrefix ?? "", base as never),
  connection: "AZURE_STORAGE_CONNECTION_STRING",
});
