/**
 * POST …/surveys/{id}/forms-sync (owner, survey.oversee; also the last step of registration):
 * downloads the response workbook, checks its columns against the registration
 * (FORMS_WORKBOOK_COLUMNS, nothing recorded), and records the rows after `lastRowId` only:
 *   1. choices new rows need are added to the survey's choice questions (ETag);
 *   2. each row is matched to a recipient (match.ts) and saved with saveResponse (via "forms",
 *      submitted, its completion time, the deadline not applied: Forms accepted it); rows no
 *      recipient matches, or whose answers do not fit, are kept on `formsUnmatched` (reported);
 *   3. only then `lastRowId` / `lastSyncAt` / `unmatched` move (ETag) — a crash before redoes the
 *      rows, and saves are idempotent per recipient; audited `survey.formsSynced`.
 */
import { type FormsSyncResult, isKomuError, KomuError, type Principal } from "@komu/shared";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { StoredEntity } from "../../storage/index.js";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { saveResponse } from "../respond/save-response.js";
import { recipientsOf } from "../results/rows.js";
import { surveyView } from "../view.js";
import { ensureSameQuestions, formsColumns } from "./columns.js";
import { downloadWorkbook } from "./graph-workbook.js";
import { buildMatcher } from "./match.js";
import { answersOf, cellText, withNewChoices } from "./questions.js";
import { type FormsSheet, type FormsValue, readFormsWorkbook } from "./workbook.js";

export const MAX_UNMATCHED_KEPT = 500;
type FormsSource = Extract<SurveyRow["source"], { kind: "forms" }>;
type Unmatched = FormsSyncResult["unmatched"][number];

/** Forms writes local wall-clock times (the school's: JST); exceljs reads them as if UTC. */
export function completionTime(v: FormsValue, fallback: Date): string {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return new Date(v.getTime() - 9 * 3600_000).toISOString();
  const m =
    typeof v === "string" ? /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(v) : null;
  if (m) {
    const [, y, mo, d, h, mi, s] = m;
    const pad = (x: string | undefined) => (x ?? "0").padStart(2, "0");
    const parsed = Date.parse(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+09:00`);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return fallback.toISOString();
}

const rowId = (v: FormsValue) => {
  const n = typeof v === "number" ? v : Number(cellText(v));
  return Number.isInteger(n) && n > 0 ? n : null;
};

function sourceOf(row: StoredEntity<SurveyRow>): FormsSource {
  if (row.data.source.kind !== "forms")
    throw new KomuError("CONFLICT", {
      message: {
        ja: "このアンケートは Microsoft Forms から取り込んだものではありません。",
        en: "This survey was not imported from Microsoft Forms.",
      },
      details: { reason: "notForms", surveyId: row.id },
    });
  return row.data.source;
}

export async function syncFormsSurvey(
  deps: SurveysDeps,
  client: Client,
  survey: StoredEntity<SurveyRow>,
  actor: { oid: string; name: string },
  /** The workbook already read (registration reads it once). */
  read?: FormsSheet,
): Promise<FormsSyncResult> {
  const { schoolId, id: surveyId } = survey;
  const repo = surveysRepos(deps.storage).surveys;
  const source = sourceOf(survey);
  const sheet = read ?? (await readFormsWorkbook(await downloadWorkbook(client, source)));
  const columns = formsColumns(sheet.headers);
  ensureSameQuestions(columns, source.columns);
  const mapped = source.columns.map((c, i) => ({
    questionId: c.questionId,
    index: (columns.questions[i] as { index: number }).index,
  }));

  const fresh = sheet.rows
    .map((r) => ({ ...r, id: rowId(r.values[columns.id] ?? null) }))
    .filter((r): r is typeof r & { id: number } => r.id !== null && r.id > source.lastRowId)
    .sort((a, b) => a.id - b.id);

  // 1. choices the new rows need
  let current = survey;
  const extended = withNewChoices(current.data.questions, mapped, fresh);
  if (extended) current = await repo.update(schoolId, surveyId, { ...current.data, questions: extended }, current.etag);

  // 2. rows → responses
  const now = deps.clock();
  const matcher = await buildMatcher(deps, schoolId, await recipientsOf(deps, schoolId, surveyId));
  const unmatched: Unmatched[] = [];
  let added = 0;
  for (const r of fresh) {
    const email = cellText(r.values[columns.email] ?? null);
    const name = cellText(r.values[columns.name] ?? null);
    const report = { row: r.row, name: name.slice(0, 100), email: email.slice(0, 200) };
    const key = matcher.match(email, name);
    if (!key) {
      unmatched.push(report);
      continue;
    }
    try {
      await saveResponse(deps, {
        schoolId,
        surveyId,
        recipientKey: key,
        answers: answersOf(current.data.questions, mapped, r.values),
        submit: true,
        via: "forms",
        ignoreDeadline: true,
        formsRowId: r.id,
        submittedAt: completionTime(r.values[columns.completion ?? columns.start ?? -1] ?? null, now),
      });
      added++;
    } catch (e) {
      if (!(isKomuError(e) && (e.code === "SURVEY_ANSWER_INVALID" || e.code === "SURVEY_NOT_RECIPIENT"))) throw e;
      deps.logger.warn("surveys.forms.rowRefused", { surveyId, row: r.row, code: e.code });
      unmatched.push(report);
    }
  }

  // 3. the position, only after every row is saved
  const lastRowId = fresh.reduce((m, r) => Math.max(m, r.id), source.lastRowId);
  let saved: StoredEntity<SurveyRow> | undefined;
  for (let attempt = 0; !saved; attempt++) {
    const row = await repo.require(schoolId, surveyId);
    const src = sourceOf(row);
    const kept = [...(row.data.formsUnmatched ?? []), ...unmatched].slice(-MAX_UNMATCHED_KEPT);
    try {
      saved = await repo.update(
        schoolId,
        surveyId,
        {
          ...row.data,
          source: {
            ...src,
            lastRowId: Math.max(src.lastRowId, lastRowId),
            lastSyncAt: now.toISOString(),
            unmatched: src.unmatched + unmatched.length,
          },
          formsUnmatched: kept,
        },
        row.etag,
      );
    } catch (e) {
      if (!(isKomuError(e) && e.code === "STALE_ETAG" && attempt < 4)) throw e;
    }
  }
  await deps.storage.audit.append(schoolId, {
    kind: "survey.formsSynced",
    actor,
    target: { kind: "survey", id: surveyId },
    data: { added, unmatched: unmatched.length, lastRowId },
  });
  const recipients = await recipientsOf(deps, schoolId, surveyId);
  return {
    added,
    skipped: fresh.length - added,
    unmatched: saved.data.formsUnmatched ?? [],
    lastRowId: (saved.data.source as FormsSource).lastRowId,
    survey: surveyView(saved, recipients.filter((r) => r.submittedAt !== null).length),
  };
}

export async function syncForms(
  deps: SurveysDeps,
  client: Client,
  principal: Principal,
  schoolId: string,
  surveyId: string,
): Promise<FormsSyncResult> {
  const survey = await loadSurveyFor(deps, principal, schoolId, surveyId, "manage");
  return syncFormsSurvey(deps, client, survey, { oid: principal.oid, name: principal.name });
}
