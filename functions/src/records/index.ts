/**
 * The records library (学校文書) module: provisioning, staged uploads, filing, versions, reading,
 * search, file plan and settings. See README.md in this folder.
 *
 *   - createRecordsDeps(…): the module's adapters (built by the app's createDeps);
 *   - recordsEndpoints: its API routes (static paths before /records/{recordId});
 *   - recordsEffectHandlers(deps): outbox effects records.file and records.version;
 *   - fileRecord / checkFiling: the filing service other modules call.
 */
import type { Config } from "../config.js";
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { Endpoint } from "../http/types.js";
import type { EffectHandlers } from "../outbox/types.js";
import type { Storage } from "../storage/index.js";
import type { RecordsDeps } from "./deps.js";
import { RECORDS_FILE_EFFECT, recordsFileHandler } from "./filing/file-effect.js";
import {
  getFilePlanEndpoint,
  getSettingsEndpoint,
  provisionEndpoint,
  putFilePlanEndpoint,
  putSettingsEndpoint,
} from "./routes/config.js";
import { fileRecordEndpoint } from "./routes/file.js";
import { getRecordEndpoint, recordContentEndpoint } from "./routes/get.js";
import { listRecordsEndpoint } from "./routes/list.js";
import { uploadEndpoint } from "./routes/uploads.js";
import { addVersionEndpoint, listVersionsEndpoint } from "./routes/versions.js";
import { createAzureUploadBlobStore, type UploadBlobStore } from "./staging/blob-store.js";
import { RECORDS_VERSION_EFFECT, recordsVersionHandler } from "./versions/version-effect.js";

export type { RecordsDeps } from "./deps.js";
export { type CheckedFiling, checkFiling, requireLibrary } from "./filing/check-filing.js";
export { RECORDS_FILE_EFFECT } from "./filing/file-effect.js";
export { type FileRecordRequest, type FileRecordResult, fileRecord } from "./filing/file-record.js";
export { type ProvisionReport, provisionSchool, type SchoolToProvision } from "./provision/provision-school.js";
export { provisionSchools } from "./provision/provision-town.js";
export { parseSchoolsCsv } from "./provision/schools-csv.js";
/** 文書番号 / 受付番号 for other modules (approvals number a document at 決裁). */
export { type AssignedNumber, type AssignNumberInput, assignNumber } from "./registers/assign-number.js";
export { RECORDS_VERSION_EFFECT } from "./versions/version-effect.js";

export function createRecordsDeps(input: {
  config: Pick<Config, "records" | "storage">;
  storage: Storage;
  graph: GraphGateway;
  clock: () => Date;
  logger: Logger;
  blobs?: UploadBlobStore;
}): RecordsDeps {
  return {
    storage: input.storage,
    graph: input.graph,
    blobs:
      input.blobs ??
      createAzureUploadBlobStore(input.config.storage.connectionString, input.config.storage.tablePrefix ?? ""),
    config: input.config.records,
    clock: input.clock,
    logger: input.logger,
  };
}

/** Static paths first: Hono matches in registration order, and /records/{recordId} would take "file-plan". */
export const recordsEndpoints: readonly Endpoint[] = [
  uploadEndpoint,
  getFilePlanEndpoint,
  putFilePlanEndpoint,
  getSettingsEndpoint,
  putSettingsEndpoint,
  provisionEndpoint,
  listRecordsEndpoint,
  fileRecordEndpoint,
  getRecordEndpoint,
  recordContentEndpoint,
  listVersionsEndpoint,
  addVersionEndpoint,
];

export function recordsEffectHandlers(deps: RecordsDeps): EffectHandlers {
  return {
    [RECORDS_FILE_EFFECT]: recordsFileHandler(deps),
    [RECORDS_VERSION_EFFECT]: recordsVersionHandler(deps),
  };
}
