/**
 * What the records module runs with. Built once per host by `createRecordsDeps` (deps.ts of the
 * app) from the same adapters as everything else; tests build it from the local platform.
 */
import type { Config, RecordsConfig } from "../config.js";
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Storage } from "../storage/index.js";
import type { UploadBlobStore } from "./staging/blob-store.js";

export interface RecordsDeps {
  storage: Storage;
  graph: GraphGateway;
  /** Staged upload bytes (Azure Blob Storage; Azurite locally). */
  blobs: UploadBlobStore;
  config: RecordsConfig;
  clock: () => Date;
  logger: Logger;
}

export type RecordsConfigSource = Pick<Config, "records">;
