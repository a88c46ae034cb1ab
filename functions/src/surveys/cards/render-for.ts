/** The survey card of one recipient, with their saved answers (named or anonymous response row). */
import type { Answers } from "@komu/shared";
import { surveyCardDefinition } from "@komu/shared/cards/index";
import type { AdaptiveCard } from "../../bot/activity.js";
import { renderCard } from "../../bot/cards/render.js";
import type { StoredEntity } from "../../storage/index.js";
import type { SurveysDeps } from "../deps.js";
import { responseRowId, type SurveyRecipientRow, type SurveyRow, surveysRepos } from "../entities.js";
import { responseIdFor } from "../respond/response-key.js";
import { type CardViewOptions, surveyCardData } from "./card-view.js";

export async function savedAnswers(
  deps: Pick<SurveysDeps, "storage" | "linkKey">,
  survey: StoredEntity<SurveyRow>,
  key: string,
): Promise<{ answers: Answers; updatedAt: string | null; etag: string | null }> {
  const responseId = responseIdFor({
    anonymous: survey.data.anonymous,
    surveyId: survey.id,
    key,
    linkKey: deps.linkKey,
  });
  const row = await surveysRepos(deps.storage).responses.get(survey.schoolId, responseRowId(survey.id, responseId));
  return { answers: row?.data.answers ?? {}, updatedAt: row?.updatedAt ?? null, etag: row?.etag ?? null };
}

export async function surveyCardFor(
  deps: Pick<SurveysDeps, "storage" | "linkKey" | "teamsIdOf" | "openUrl" | "clock">,
  survey: StoredEntity<SurveyRow>,
  recipient: SurveyRecipientRow,
  opts: Omit<CardViewOptions, "now" | "teamsId" | "openUrl"> = {},
): Promise<AdaptiveCard> {
  const answers = opts.answers ?? (await savedAnswers(deps, survey, recipient.key)).answers;
  const teamsId = recipient.oid ? await deps.teamsIdOf?.(recipient.oid) : undefined;
  return renderCard(
    surveyCardDefinition,
    surveyCardData(survey, recipient, {
      ...opts,
      answers,
      now: deps.clock(),
      teamsId,
      openUrl: deps.openUrl?.(survey.schoolId, survey.id) ?? "",
    }),
  );
}
