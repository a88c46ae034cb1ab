/**
 * POST …/recipients/{key}/reissue-link: a new link for one guardian and child (the old one was
 * lost, forwarded, or opened on the wrong phone). The recipient's link version goes up (every
 * older link is refused from now on) and the device claim is cleared; answers already saved are
 * kept. Audited as `survey.linkIssued` before the row changes, so a crash repeats the entry rather
 * than losing it.
 */
import { acceptsAnswers, isKomuError, KomuError, type Principal } from "@komu/shared";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import { recipientRowId, surveysRepos } from "../entities.js";
import { type GuardianLinkView, guardianLinkOf } from "./guardian-link.js";

export async function reissueLink(
  deps: SurveysDeps,
  input: { principal: Principal; schoolId: string; surveyId: string; key: string },
): Promise<GuardianLinkView> {
  const survey = await loadSurveyFor(deps, input.principal, input.schoolId, input.surveyId, "manage");
  if (survey.data.status === "draft") throw new KomuError("SURVEY_NOT_OPEN");
  if (!acceptsAnswers(survey.data, deps.clock()))
    throw new KomuError("SURVEY_CLOSED", { details: { deadline: survey.data.deadline } });
  const repo = surveysRepos(deps.storage).recipients;
  for (let attempt = 0; ; attempt++) {
    const row = await repo.get(input.schoolId, recipientRowId(input.surveyId, input.key));
    if (row?.data.kind !== "guardian")
      throw new KomuError("NOT_FOUND", { details: { kind: "surveyRecipient", key: input.key } });
    const version = row.data.linkVersion + 1;
    await deps.storage.audit.append(input.schoolId, {
      kind: "survey.linkIssued",
      actor: { oid: input.principal.oid, name: input.principal.name },
      target: { kind: "survey", id: input.surveyId },
      data: { recipientKey: input.key, version },
    });
    try {
      const next = { ...row.data, linkVersion: version, linkClaimedAt: null, sessionHash: null };
      await repo.update(input.schoolId, row.id, next, row.etag);
      return await guardianLinkOf(deps, input.schoolId, survey.data, survey.id, next);
    } catch (e) {
      // The guardian saved an answer (or another reissue ran) meanwhile: read again and bump once more.
      if (attempt < 3 && isKomuError(e) && e.code === "STALE_ETAG") continue;
      throw e;
    }
  }
}
