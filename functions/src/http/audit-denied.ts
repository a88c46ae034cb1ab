/**
 * Unauthorised access attempts are evidence (教育情報セキュリティポリシー: logs that record
 * unauthorised access): a FORBIDDEN on a school's resource is appended to THAT school's audit
 * log as `auth.denied`, with who, what capability and which request.
 */
import type { KomuError, Principal } from "@komu/shared";
import type { Context } from "hono";
import type { AppDeps } from "../deps.js";
import type { DeniedHook } from "./errors.js";

export function recordDenied(deps: AppDeps): DeniedHook {
  return async (c: Context, error: KomuError) => {
    const principal = c.get("principal") as Principal | undefined;
    const details = (error.details ?? {}) as { capability?: unknown; schoolId?: unknown };
    if (!principal || typeof details.schoolId !== "string" || typeof details.capability !== "string") return;
    // Only real schools get a chain; probing made-up ids leaves the logs alone (and the app log has it).
    if (!(await deps.schools.get(details.schoolId))) return;
    await deps.storage.audit.append(details.schoolId, {
      kind: "auth.denied",
      actor: { oid: principal.oid, name: principal.name },
      target: { kind: "school", id: details.schoolId },
      data: { capability: details.capability, method: c.req.method, path: c.req.path },
    });
  };
}
