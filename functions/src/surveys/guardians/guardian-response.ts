/**
 * What a guardian's device sees: the survey as a respondent sees it (no owner, audience or
 * counts), whose child it is about, and this link's own saved answers.
 */
import { groupLabel, type MyResponse } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { SurveysDeps } from "../deps.js";
import { responseRowId, type SurveyRecipientRow, type SurveyRow, surveysRepos } from "../entities.js";
import { responseIdFor } from "../respond/response-key.js";
import { surveyForRespondent } from "../view.js";

/** 「1年1組 和田 澪 さんについて」 */
export function aboutChild(recipient: Pick<SurveyRecipientRow, "grade" | "class" | "childName">): string {
  const group = recipient.grade ? `${groupLabel(recipient.grade, recipient.class)} ` : "";
  return `${group}${recipient.childName ?? ""} さんについて`;
}

export async function guardianResponse(
  deps: Pick<SurveysDeps, "storage" | "clock" | "linkKey">,
  survey: StoredEntity<SurveyRow>,
  recipient: StoredEntity<SurveyRecipientRow>,
  schoolName: string | undefined,
): Promise<MyResponse> {
  const responseId = responseIdFor({
    anonymous: survey.data.anonymous,
    surveyId: survey.id,
    key: recipient.data.key,
    linkKey: deps.linkKey,
  });
  const row = await surveysRepos(deps.storage).responses.get(survey.schoolId, responseRowId(survey.id, responseId));
  return {
    survey: surveyForRespondent(survey, deps.clock(), schoolName),
    about: aboutChild(recipient.data),
    answers: row?.data.answers ?? {},
    status: row ? row.data.status : "none",
    submittedAt: recipient.data.submittedAt,
    updatedAt: row?.updatedAt ?? null,
  };
}
