/**
 * What a number looks like in a school: its 略称 and the two formats, from the school's
 * `recordsSettings` row; a school without settings yet gets the shared default formats and an
 * abbreviation derived from its name (青葉小学校 → 青小, 青葉中学校 → 青中).
 */
import { DEFAULT_NUMBER_FORMATS, type RegisterKind } from "@komu/shared";
import type { SchoolDirectory } from "../../deps.js";
import type { Storage } from "../../storage/index.js";
import { recordsSettingsEntity } from "../entities.js";

export interface NumberSettings {
  abbreviation: string;
  numberFormats: Record<RegisterKind, string>;
}

export function defaultAbbreviation(schoolName: string): string {
  const m = /^(.+?)(小|中)学校$/.exec(schoolName.trim());
  if (m?.[1] && m[2]) return `${[...m[1]][0]}${m[2]}`;
  return [...schoolName.trim()].slice(0, 12).join("") || "学校";
}

export async function loadNumberSettings(
  deps: { storage: Pick<Storage, "entities">; schools?: Pick<SchoolDirectory, "get"> },
  schoolId: string,
): Promise<NumberSettings> {
  const stored = await deps.storage.entities.repo(recordsSettingsEntity).get(schoolId, "settings");
  if (stored) return { abbreviation: stored.data.abbreviation, numberFormats: stored.data.numberFormats };
  const school = await deps.schools?.get(schoolId);
  return { abbreviation: defaultAbbreviation(school?.name ?? schoolId), numberFormats: { ...DEFAULT_NUMBER_FORMATS } };
}
