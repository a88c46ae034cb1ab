/**
 * Saves one recipient's answers — the one write path for cards, the tab, guardians' links and
 * the Forms import. The answers are checked first (every problem reported, nothing written);
 * then the recipient row (submitted / partial) and the response row change together in one
 * Table transaction under their ETags, retried on a race with the same person's other device.
 * Once submitted, a response stays submitted: later saves are edits and must pass the full check.
 */
import { type Answers, acceptsAnswers, checkAnswers, isKomuError, KomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { SurveysDeps } from "../deps.js";
import {
  recipientRowId,
  responseRowId,
  type SurveyRecipientRow,
  type SurveyResponseRow,
  type SurveyRow,
  surveyRecipientEntity,
  surveyResponseEntity,
  surveysRepos,
} from "../entities.js";
import { responseIdFor } from "./response-key.js";

export interface SaveResponseInput {
  schoolId: string;
  surveyId: string;
  recipientKey: string;
  answers: Answers;
  submit: boolean;
  via: SurveyResponseRow["via"];
  /** Forms import: the workbook row, and its completion time as the submission time. */
  formsRowId?: number;
  submittedAt?: string;
  /** Skip the deadline check (the Forms import records what Forms already accepted). */
  ignoreDeadline?: boolean;
  /** Rows the caller has just read (a guardian's link): used for the first attempt, saving two reads. */
  preloaded?: { survey: StoredEntity<SurveyRow>; recipient: StoredEntity<SurveyRecipientRow> };
  /**
   * Checked on the recipient row of every attempt (a retry reads it again): throw to refuse. A
   * guardian's link checks that it is still the current link held by this device.
   */
  stillAllowed?: (recipient: SurveyRecipientRow) => void;
}

export interface SavedResponse {
  survey: StoredEntity<SurveyRow>;
  recipient: StoredEntity<SurveyRecipientRow>;
  response: SurveyResponseRow;
  status: "partial" | "submitted";
}

export function ensureAccepting(survey: SurveyRow, now: Date): void {
  if (survey.status === "draft") throw new KomuError("SURVEY_NOT_OPEN");
  if (!acceptsAnswers(survey, now)) throw new KomuError("SURVEY_CLOSED", { details: { deadline: survey.deadline } });
}

export async function saveResponse(deps: SurveysDeps, input: SaveResponseInput): Promise<SavedResponse> {
  const repos = surveysRepos(deps.storage);
  const preloaded = input.preloaded;
  const survey = preloaded?.survey ?? (await repos.surveys.require(input.schoolId, input.surveyId));
  const now = deps.clock();
  // A Forms survey is answered in Microsoft Forms; only its import (via "forms") writes answers.
  if (survey.data.source.kind === "forms" && input.via !== "forms")
    throw new KomuError("SURVEY_NOT_OPEN", {
      message: {
        ja: "このアンケートは Microsoft Forms で回答してください。",
        en: "This survey is answered in Microsoft Forms.",
      },
      details: { reason: "forms" },
    });
  if (input.ignoreDeadline) {
    if (survey.data.status === "draft") throw new KomuError("SURVEY_NOT_OPEN");
  } else ensureAccepting(survey.data, now);

  for (let attempt = 0; ; attempt++) {
    const recipient =
      attempt === 0 && preloaded
        ? preloaded.recipient
        : await repos.recipients.get(input.schoolId, recipientRowId(input.surveyId, input.recipientKey));
    if (!recipient) throw new KomuError("SURVEY_NOT_RECIPIENT");
    input.stillAllowed?.(recipient.data);
    const alreadySubmitted = recipient.data.submittedAt !== null;
    const submit = input.submit || alreadySubmitted;
    const checked = checkAnswers(survey.data.questions, input.answers, submit ? "submit" : "partial");
    if (checked.problems.length > 0)
      throw new KomuError("SURVEY_ANSWER_INVALID", { details: { problems: checked.problems } });

    const responseId = responseIdFor({
      anonymous: survey.data.anonymous,
      surveyId: input.surveyId,
      key: input.recipientKey,
      linkKey: deps.linkKey,
    });
    const rowId = responseRowId(input.surveyId, responseId);
    const existing = await repos.responses.get(input.schoolId, rowId);
    const at = input.submittedAt ?? now.toISOString();
    // The first submission's time is kept; edits until the deadline do not move it.
    const submittedAt = submit ? (recipient.data.submittedAt ?? at) : null;
    const named = !survey.data.anonymous;
    const response: SurveyResponseRow = {
      surveyId: input.surveyId,
      answers: checked.answers,
      status: submit ? "submitted" : "partial",
      grade: recipient.data.grade,
      class: recipient.data.class,
      recipientKey: named ? input.recipientKey : null,
      respondentName: named ? recipient.data.name : null,
      submittedAt: submit ? submittedAt : null,
      via: input.via,
      formsRowId: input.formsRowId ?? existing?.data.formsRowId ?? null,
    };
    const nextRecipient: SurveyRecipientRow = {
      ...recipient.data,
      submittedAt,
      partial: !submit,
    };
    let etags: string[];
    try {
      etags = await deps.storage.entities.transaction(input.schoolId, [
        {
          type: "replace",
          def: surveyRecipientEntity,
          id: recipient.id,
          data: nextRecipient,
          etag: recipient.etag,
          createdAt: recipient.createdAt,
        },
        existing
          ? {
              type: "replace",
              def: surveyResponseEntity,
              id: rowId,
              data: response,
              etag: existing.etag,
              createdAt: existing.createdAt,
            }
          : { type: "create", def: surveyResponseEntity, id: rowId, data: response },
      ]);
    } catch (e) {
      if (attempt < 4 && isKomuError(e) && (e.code === "STALE_ETAG" || e.code === "CONFLICT")) continue;
      throw e;
    }
    const saved: StoredEntity<SurveyRecipientRow> = {
      ...recipient,
      etag: etags[0] ?? "",
      updatedAt: now.toISOString(),
      data: nextRecipient,
    };
    return { survey, recipient: saved, response, status: response.status };
  }
}
