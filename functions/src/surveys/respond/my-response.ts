/**
 * The caller's own answer in the tab (GET/PUT …/my-response): the recipient key is `u-<oid>` of
 * the signed-in user; the survey must have asked them (SURVEY_NOT_RECIPIENT otherwise, which
 * reveals only that they are not asked). Saving goes through saveResponse (via "tab").
 */
import { ensureCan, KomuError, type MyResponse, type Principal, type ResponseInput } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { savedAnswers } from "../cards/render-for.js";
import type { SurveysDeps } from "../deps.js";
import { recipientRowId, type SurveyRecipientRow, type SurveyRow, surveysRepos } from "../entities.js";
import { recipientKeyOfOid } from "../recipients.js";
import { surveyForRespondent } from "../view.js";
import { saveResponse } from "./save-response.js";

async function load(
  deps: Pick<SurveysDeps, "storage">,
  principal: Principal,
  schoolId: string,
  surveyId: string,
): Promise<{ survey: StoredEntity<SurveyRow>; recipient: StoredEntity<SurveyRecipientRow> }> {
  ensureCan(principal, "survey.answer", { schoolId });
  const repos = surveysRepos(deps.storage);
  const survey = await repos.surveys.get(schoolId, surveyId);
  if (!survey || survey.data.status === "draft")
    throw new KomuError("NOT_FOUND", { details: { kind: "survey", id: surveyId } });
  const recipient = await repos.recipients.get(schoolId, recipientRowId(surveyId, recipientKeyOfOid(principal.oid)));
  if (!recipient) throw new KomuError("SURVEY_NOT_RECIPIENT");
  return { survey, recipient };
}

async function view(
  deps: Pick<SurveysDeps, "storage" | "linkKey" | "clock">,
  survey: StoredEntity<SurveyRow>,
  recipient: SurveyRecipientRow,
): Promise<MyResponse> {
  const saved = await savedAnswers(deps, survey, recipient.key);
  return {
    survey: surveyForRespondent(survey, deps.clock()),
    answers: saved.answers,
    status: recipient.submittedAt ? "submitted" : recipient.partial ? "partial" : "none",
    submittedAt: recipient.submittedAt,
    updatedAt: saved.updatedAt,
    ...(saved.etag ? { etag: saved.etag } : {}),
  };
}

export async function getMyResponse(
  deps: Pick<SurveysDeps, "storage" | "linkKey" | "clock">,
  req: { schoolId: string; surveyId: string; principal: Principal },
): Promise<MyResponse> {
  const { survey, recipient } = await load(deps, req.principal, req.schoolId, req.surveyId);
  return view(deps, survey, recipient.data);
}

export async function putMyResponse(
  deps: SurveysDeps,
  req: { schoolId: string; surveyId: string; principal: Principal; input: ResponseInput },
): Promise<MyResponse> {
  const { recipient } = await load(deps, req.principal, req.schoolId, req.surveyId);
  const saved = await saveResponse(deps, {
    schoolId: req.schoolId,
    surveyId: req.surveyId,
    recipientKey: recipient.data.key,
    answers: req.input.answers,
    submit: req.input.submit,
    via: "tab",
  });
  return view(deps, saved.survey, saved.recipient.data);
}
