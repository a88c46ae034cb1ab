/** What engineer M2's meetings routes (text/, notes/, minutes/, after/) share. */
import { KomuError } from "@komu/shared";
import type { AppDeps } from "../../deps.js";
import type { MeetingsDeps } from "../deps.js";

export function meetingsOf(deps: AppDeps): MeetingsDeps {
  const meetings = deps.meetings;
  if (!meetings)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "the meetings module is not wired (AppDeps.meetings)" },
    });
  return meetings;
}

export { parseWith } from "../../approvals/routes/common.js";
export { requireIfMatch } from "../../records/routes/common.js";
