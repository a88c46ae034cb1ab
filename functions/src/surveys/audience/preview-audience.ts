/** Who an audience reaches now (POST …/surveys/audience-preview): counts per group and warnings. */
import { type AudiencePreview, type AudiencePreviewInput, ensureCan, type Principal } from "@komu/shared";
import type { z } from "zod";
import type { SurveysDeps } from "../deps.js";
import { resolveAudience } from "./resolve-audience.js";

export async function previewAudience(
  deps: Pick<SurveysDeps, "members" | "roster">,
  req: { schoolId: string; principal: Principal; input: z.infer<typeof AudiencePreviewInput> },
): Promise<AudiencePreview> {
  ensureCan(req.principal, "survey.create", { schoolId: req.schoolId });
  const resolved = await resolveAudience(deps, req.schoolId, req.input.audience);
  const warnings = [...resolved.warnings];
  if (resolved.recipients.length === 0)
    warnings.push({ ja: "対象者がいません。対象を見直してください。", en: "Nobody is in this audience." });
  return { recipients: resolved.recipients.length, groups: resolved.groups, warnings };
}
