/** What the records routes share: the module's deps, the caller as an actor, If-Match. */
import { KomuError, type Principal } from "@komu/shared";
import type { AppDeps } from "../../deps.js";
import type { RecordsDeps } from "../deps.js";

export function recordsOf(deps: AppDeps): RecordsDeps {
  if (!deps.records)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "the records module is not wired (AppDeps.records)" },
    });
  return deps.records;
}

export const actorOf = (p: Principal) => ({ oid: p.oid, name: p.name });

/** The If-Match header (quotes kept: Table ETags are W/"datetime'…'"), or PRECONDITION_REQUIRED. */
export function requireIfMatch(header: string | undefined): string {
  const etag = header?.trim();
  if (!etag || etag === "*") throw new KomuError("PRECONDITION_REQUIRED", { details: { header: "If-Match" } });
  return etag;
}
