/** The records module's deps (AppDeps.records, wired by the records module) plus the school directory. */
import { KomuError } from "@komu/shared";
import type { AppDeps } from "../../../deps.js";
import type { RecordsDeps } from "../../deps.js";
import type { RegisterDeps } from "../register-entry.js";

export function registerDepsOf(deps: AppDeps): RegisterDeps {
  const records = (deps as AppDeps & { records?: RecordsDeps }).records;
  if (!records) {
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "the records module is not wired (AppDeps.records)" },
    });
  }
  return { ...records, schools: deps.schools };
}
