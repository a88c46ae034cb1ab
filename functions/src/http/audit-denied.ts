/**
 * Unauthorised access attempts are evidence (教育情報セキュリティポリシー: logs that record
 * unauthorised access): a FORBIDDEN on a school's resource is appended to THAT school's audit
 * log as `auth.denied`, with who, what capability and which request.
 *
 * Any signed-in user can trigger 403s at will, so at most one `auth.denied` per (user, school,
 * capability) is appended per 5 minutes; the others go to the app log only. The memory of what
 * was recorded is per process (bounded map, see audit/rate-limit.ts): with several instances,
 * each may record its own first denial of a window.
 */
import type { KomuError, Principal } from "@komu/shared";
import type { Context } from "hono";
import { oncePerWindow } from "../audit/rate-limit.js";
import type { AppDeps } from "../deps.js";
import type { DeniedHook } from "./errors.js";

export interface RecordDeniedOptions {
  /** Default 5 minutes. */
  windowMs?: number;
  /** Most (user, school, capability) keys remembered; default 10 000. */
  maxKeys?: number;
}

export const DENIED_WINDOW_MS = 5 * 60_000;

export function recordDenied(deps: AppDeps, opts: RecordDeniedOptions = {}): DeniedHook {
  const limiter = oncePerWindow(opts.windowMs ?? DENIED_WINDOW_MS, opts.maxKeys ?? 10_000);
  return async (c: Context, error: KomuError) => {
    const principal = c.get("principal") as Principal | undefined;
    const details = (error.details ?? {}) as { capability?: unknown; schoolId?: unknown };
    if (!principal || typeof details.schoolId !== "string" || typeof details.capability !== "string") return;
    // Only real schools get a chain; probing made-up ids leaves the logs alone (and the app log has it).
    if (!(await deps.schools.get(details.schoolId))) return;
    const data = { capability: details.capability, method: c.req.method, path: c.req.path };
    const key = `${principal.oid}\n${details.schoolId}\n${details.capability}`;
    if (!limiter.allow(key, deps.clock())) {
      deps.logger.info("auth.denied (already recorded in the audit log within 5 minutes)", {
        requestId: c.get("requestId") as string | undefined,
        oid: principal.oid,
        schoolId: details.schoolId,
        ...data,
      });
      return;
    }
    try {
      await deps.storage.audit.append(details.schoolId, {
        kind: "auth.denied",
        actor: { oid: principal.oid, name: principal.name },
        target: { kind: "school", id: details.schoolId },
        data,
      });
    } catch (e) {
      limiter.forget(key); // not recorded: the next denial should be
      throw e;
    }
  };
}
