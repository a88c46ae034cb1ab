/** What the surveys routes share: the module's deps, body parsing with the shared schemas, If-Match. */
import { KomuError } from "@komu/shared";
import type { AppDeps } from "../../deps.js";
import type { SurveysDeps } from "../deps.js";

export function surveysOf(deps: AppDeps): SurveysDeps {
  if (!deps.surveys)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "the surveys module is not wired (AppDeps.surveys)" },
    });
  return deps.surveys;
}

export { parseWith, requireIfMatch } from "../../approvals/routes/common.js";
export const actorOf = (p: { oid: string; name: string }) => ({ oid: p.oid, name: p.name });
