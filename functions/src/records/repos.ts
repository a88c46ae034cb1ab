/** Typed repositories of the records module's entities (one Azure Table, partition = school). */
import type { Storage } from "../storage/index.js";
import { filePlanEntity, recordEntity, recordsSettingsEntity, uploadEntity } from "./entities.js";

export const SETTINGS_ID = "settings";
export const FILE_PLAN_ID = "current";

export function recordsRepos(storage: Pick<Storage, "entities">) {
  return {
    settings: storage.entities.repo(recordsSettingsEntity),
    filePlan: storage.entities.repo(filePlanEntity),
    uploads: storage.entities.repo(uploadEntity),
    records: storage.entities.repo(recordEntity),
  };
}

export type RecordsRepos = ReturnType<typeof recordsRepos>;
