/**
 * One survey's rows, all pages (1,000 per page, id prefix `<surveyId>.`): the submitted responses
 * (partial answers are not results) and the recipients (names, 学年・組・番号 for exports).
 */
import type { ListOptions, StoredEntity } from "../../storage/index.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRecipientRow, type SurveyResponseRow, surveysRepos } from "../entities.js";

interface Listable<T> {
  list(schoolId: string, opts?: ListOptions): Promise<{ items: StoredEntity<T>[]; continuationToken?: string }>;
}

async function allOf<T>(repo: Listable<T>, schoolId: string, opts: ListOptions): Promise<StoredEntity<T>[]> {
  const out: StoredEntity<T>[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await repo.list(schoolId, {
      ...opts,
      limit: 1000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    out.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return out;
}

export async function submittedResponses(
  deps: Pick<SurveysDeps, "storage">,
  schoolId: string,
  surveyId: string,
): Promise<SurveyResponseRow[]> {
  const rows = await allOf(surveysRepos(deps.storage).responses, schoolId, {
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
  const rows = await allOf(surveysRepos(deps.storage).recipients, schoolId, { idPrefix: `${surveyId}.` });
  return rows.map((r) => r.data);
}
