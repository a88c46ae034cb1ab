import { listAll } from "../../storage/list-all.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRecipientRow, type SurveyResponseRow, surveysRepos } from "../entities.js";

export async function submittedResponses(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  surveyId: string,
): Promise<SurveyResponseRow[]> {
  const rows = await listAll(surveysRepos(deps.storage).responses, schoolId, {
    idPrefix: `${surveyId}.`,
    where: { status: "submitted" },
  });
  return rows.map((r) => r.data).filter((r) => r.status === "submitted" && r.submittedAt !== null);
}

export async function recipientsOf(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  surveyId: string,
): Promise<SurveyRecipientRow[]> {
  const rows = await listAll(surveysRepos(deps.storage).recipients, schoolId, { idPrefix: `${surveyId}.` });
  return rows.map((r) => r.data);
}
