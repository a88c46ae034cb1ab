/**
 * POST …/surveys/forms (survey.create): registers a Microsoft Forms response workbook as a
 * tracked survey. Reads the workbook once (graph-workbook.ts, on behalf of the user), checks its
 * columns (ID, メール, 名前 and at least one question column), derives the questions
 * (questions.ts), resolves the audience from the roster / staff groups, then writes the
 * recipients, creates the survey row (open, source "forms", lastRowId 0) and syncs. Everything
 * that can be refused (workbook, columns, deadline, empty audience) is refused before anything is
 * written.
 */
import { randomBytes } from "node:crypto";
import {
  ensureCan,
  type FormsRegisterInput,
  type FormsSyncResult,
  isKomuError,
  KomuError,
  type Principal,
  questionListProblems,
  type SurveyView,
} from "@komu/shared";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { z } from "zod";
import { resolveAudience } from "../audience/resolve-audience.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { writeRecipients } from "../open/write-recipients.js";
import { surveyView } from "../view.js";
import { formsColumns } from "./columns.js";
import { downloadWorkbook, resolveWorkbook } from "./graph-workbook.js";
import { deriveQuestions } from "./questions.js";
import { syncFormsSurvey } from "./sync-forms.js";
import { readFormsWorkbook } from "./workbook.js";

export const newFormsSurveyId = () => `${Date.now().toString(36)}${randomBytes(5).toString("hex")}`;

export async function registerForms(
  deps: SurveysDeps,
  client: Client,
  principal: Principal,
  schoolId: string,
  input: z.output<typeof FormsRegisterInput>,
): Promise<{ survey: SurveyView; sync?: FormsSyncResult }> {
  ensureCan(principal, "survey.create", { schoolId });
  const now = deps.clock();
  if (Date.parse(input.deadline) <= now.getTime())
    throw new KomuError("SURVEY_DEADLINE_PAST", { details: { deadline: input.deadline } });

  const ref = await resolveWorkbook(client, input.workbook);
  const sheet = await readFormsWorkbook(await downloadWorkbook(client, ref));
  const columns = formsColumns(sheet.headers);
  const questions = deriveQuestions(columns.questions, sheet.rows);
  const problems = questionListProblems(questions);
  if (problems.length > 0 || questions.length > 60)
    throw new KomuError("FORMS_WORKBOOK_COLUMNS", {
      details: { found: sheet.headers, problems: problems.map((p) => p.ja), maxQuestions: 60 },
    });

  const audience = await resolveAudience(deps, schoolId, input.audience);
  if (audience.recipients.length === 0)
    throw new KomuError("SURVEY_AUDIENCE_EMPTY", { details: { warnings: audience.warnings } });

  const surveyId = newFormsSurveyId();
  const at = now.toISOString();
  const row: SurveyRow = {
    title: input.title,
    description: input.description,
    questions,
    anonymous: input.anonymous,
    deadline: input.deadline,
    audience: input.audience,
    reminders: { daysBefore: [] },
    status: "open",
    source: {
      kind: "forms",
      driveId: ref.driveId,
      itemId: ref.itemId,
      fileName: ref.fileName.slice(0, 400),
      ...(input.formUrl ? { formUrl: input.formUrl } : {}),
      columns: columns.questions.map((c, i) => ({ header: c.header.slice(0, 400), questionId: `q${i + 1}` })),
      lastRowId: 0,
      lastSyncAt: null,
      unmatched: 0,
    },
    ownerOid: principal.oid,
    ownerName: principal.name,
    openedAt: at,
    closedAt: null,
    recipientCount: audience.recipients.length,
    scheduledRemindersSent: [],
  };
  // Recipients first (rows under an id nobody knows yet are harmless if this fails), then the
  // survey row that makes them visible.
  await writeRecipients(deps, schoolId, surveyId, audience.recipients);
  const created = await surveysRepos(deps.storage).surveys.create(schoolId, surveyId, row);
  const actor = { oid: principal.oid, name: principal.name };
  await deps.storage.audit.append(schoolId, {
    kind: "survey.created",
    actor,
    target: { kind: "survey", id: surveyId },
    data: { title: input.title, audience: input.audience.kind, anonymous: input.anonymous, source: "forms" },
  });
  // The survey is registered; a first sync that fails (Graph or storage unavailable) is not a
  // failed registration: the answer says lastSyncAt null and POST …/forms-sync picks it up.
  try {
    const synced = await syncFormsSurvey(deps, client, created, actor, sheet);
    return { survey: synced.survey, sync: synced };
  } catch (e) {
    if (isKomuError(e) && e.status < 500 && e.code !== "STALE_ETAG") throw e;
    deps.logger.warn("surveys.forms.firstSyncFailed", { surveyId, error: String(e) });
    return { survey: surveyView(await surveysRepos(deps.storage).surveys.require(schoolId, surveyId)) };
  }
}
