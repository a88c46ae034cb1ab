/** What the approvals routes share: the module's deps, body parsing with the shared schemas, If-Match. */
import { KomuError } from "@komu/shared";
import type { z } from "zod";
import type { AppDeps } from "../../deps.js";
import type { ApprovalsDeps } from "../deps.js";

export function approvalsOf(deps: AppDeps): ApprovalsDeps {
  if (!deps.approvals)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "the approvals module is not wired (AppDeps.approvals)" },
    });
  return deps.approvals;
}

/** Parses with a shared schema; VALIDATION_FAILED with the issues (never a zod throw, never a 500). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, target = "json"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new KomuError("VALIDATION_FAILED", {
      details: {
        target,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })),
      },
    });
  return parsed.data;
}

export { requireIfMatch } from "../../records/routes/common.js";
