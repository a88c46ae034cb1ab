/** What the roster routes share: the directory from the app's deps, the school check. */
import { KomuError } from "@komu/shared";
import type { AppDeps } from "../../deps.js";
import type { RosterDirectory } from "../directory.js";

export function rosterOf(deps: AppDeps): RosterDirectory {
  if (!deps.roster)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "the roster module is not wired (AppDeps.roster)" },
    });
  return deps.roster;
}

/** NOT_FOUND for a school the town does not have (after the access check, so nothing leaks). */
export async function requireSchool(deps: AppDeps, schoolId: string): Promise<void> {
  if (!(await deps.schools.get(schoolId))) throw new KomuError("NOT_FOUND", { details: { kind: "school", schoolId } });
}
