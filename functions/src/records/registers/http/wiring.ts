/** The records module's deps (AppDeps.records) plus the school directory, for registering a document. */
import type { AppDeps } from "../../../deps.js";
import { recordsOf } from "../../routes/common.js";
import type { RegisterDeps } from "../register-entry.js";

export function registerDepsOf(deps: AppDeps): RegisterDeps {
  return { ...recordsOf(deps), schools: deps.schools };
}
