import { KomuError } from "@komu/shared";
import type { z } from "zod";

interface HookResult {
  success: boolean;
  target: string;
  error?: z.ZodError;
}

const ID_FIELD = /(^id$|Id$)/;

/**
 * The default hook of every route's zod validation: a failure becomes 400 with the offending
 * fields. A malformed identifier (path parameter, or a query field named `…Id`) is INVALID_ID.
 */
export function validationHook(result: HookResult): void {
  if (result.success || !result.error) return;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    code: issue.code,
    message: issue.message,
  }));
  const idProblem =
    (result.target === "param" || result.target === "query") &&
    result.error.issues.length > 0 &&
    result.error.issues.every((issue) => ID_FIELD.test(String(issue.path[issue.path.length - 1] ?? "")));
  throw new KomuError(idProblem ? "INVALID_ID" : "VALIDATION_FAILED", { details: { target: result.target, issues } });
}
