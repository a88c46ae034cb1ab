/** The school's records settings (kind, 略称, number formats) and where its library lives. */
import { KomuError, type Principal, type RecordsSettings } from "@komu/shared";
import { diffChanges } from "@komu/shared/audit/events";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordsSettingsData } from "../entities.js";
import { recordsRepos, SETTINGS_ID } from "../repos.js";

export interface RecordsSettingsView extends RecordsSettings {
  schoolId: string;
  library: { webUrl: string | null; provisionedAt: string } | null;
  etag: string;
  updatedAt: string;
}

export function toSettingsView(row: StoredEntity<RecordsSettingsData>): RecordsSettingsView {
  const { library, schoolKind, abbreviation, numberFormats } = row.data;
  return {
    schoolId: row.schoolId,
    schoolKind,
    abbreviation,
    numberFormats,
    library: library ? { webUrl: library.webUrl, provisionedAt: library.provisionedAt } : null,
    etag: row.etag,
    updatedAt: row.updatedAt,
  };
}

export async function getSettings(deps: RecordsDeps, schoolId: string): Promise<StoredEntity<RecordsSettingsData>> {
  const row = await recordsRepos(deps.storage).settings.get(schoolId, SETTINGS_ID);
  if (!row) throw new KomuError("RECORDS_NOT_PROVISIONED", { details: { schoolId } });
  return row;
}

export async function putSettings(
  deps: RecordsDeps,
  principal: Principal,
  schoolId: string,
  input: RecordsSettings,
  ifMatch: string,
): Promise<StoredEntity<RecordsSettingsData>> {
  const current = await getSettings(deps, schoolId);
  if (current.etag !== ifMatch) throw new KomuError("STALE_ETAG", { details: { kind: "recordsSettings", schoolId } });
  const { schoolKind, abbreviation, numberFormats } = current.data;
  const changes = diffChanges({ schoolKind, abbreviation, numberFormats }, { ...input });
  const row = await recordsRepos(deps.storage).settings.update(schoolId, SETTINGS_ID, { ...input }, ifMatch, {
    mode: "merge",
  });
  if (Object.keys(changes).length > 0) {
    await deps.storage.audit.append(schoolId, {
      kind: "records.configChanged",
      actor: { oid: principal.oid, name: principal.name },
      target: { kind: "recordsSettings", id: schoolId },
      data: { what: "settings", changes },
    });
  }
  return row;
}
