/**
 * GET …/surveys/{id}/export?format=csv|xlsx (owner, survey.oversee): the submitted responses as a
 * file — CSV (UTF-8 with BOM, CRLF, formula-like text neutralised: shared toCsv) or Excel (two
 * sheets, text cells neutralised). Personal data leaves Kōmu: audited `survey.exported` with the
 * format and the number of responses.
 */
import { type Principal, toCsv } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import type { SurveyRow } from "../entities.js";
import { exportTable } from "./export-table.js";
import { buildResultsWorkbook, XLSX_TYPE } from "./export-workbook.js";
import { ensureResultsAvailable, resultsOf } from "./get-results.js";
import { recipientsOf, submittedResponses } from "./rows.js";

export type ExportFormat = "csv" | "xlsx";

export interface SurveyExport {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  asciiFileName: string;
  responses: number;
}

/** A title made safe as a file name (SharePoint's and Windows' forbidden characters replaced). */
export function fileSafe(title: string): string {
  return (
    title
      .replace(/[\\/:*?"<>|#%]/g, "_")
      .replace(/\p{Cc}/gu, "_")
      .trim()
      .slice(0, 80) || "アンケート"
  );
}

/** Builds the file (no access check, no audit: callers do both). */
export async function buildSurveyFile(
  deps: Pick<SurveysDeps, "storage" | "clock">,
  survey: StoredEntity<SurveyRow>,
  format: ExportFormat,
): Promise<SurveyExport> {
  const { schoolId, id: surveyId, data } = survey;
  const [responses, recipients] = await Promise.all([
    submittedResponses(deps, schoolId, surveyId),
    data.anonymous ? Promise.resolve([]) : recipientsOf(deps, schoolId, surveyId),
  ]);
  const table = exportTable(data, responses, recipients);
  const now = deps.clock();
  const base = `${fileSafe(data.title)}_結果`;
  const asciiBase = `survey-${surveyId}-results`;
  if (format === "csv") {
    const text = toCsv([table.headers, ...table.rows]);
    return {
      bytes: new TextEncoder().encode(text),
      contentType: "text/csv; charset=utf-8",
      fileName: `${base}.csv`,
      asciiFileName: `${asciiBase}.csv`,
      responses: table.rows.length,
    };
  }
  const bytes = await buildResultsWorkbook({
    title: data.title,
    table,
    results: resultsOf(surveyId, data, responses, now),
    createdAt: now,
  });
  return {
    bytes: new Uint8Array(bytes),
    contentType: XLSX_TYPE,
    fileName: `${base}.xlsx`,
    asciiFileName: `${asciiBase}.xlsx`,
    responses: table.rows.length,
  };
}

export async function exportSurvey(
  deps: SurveysDeps,
  principal: Principal,
  schoolId: string,
  surveyId: string,
  format: ExportFormat,
): Promise<SurveyExport> {
  const survey = await loadSurveyFor(deps, principal, schoolId, surveyId, "read");
  ensureResultsAvailable(survey.data, deps.clock());
  const out = await buildSurveyFile(deps, survey, format);
  await deps.storage.audit.append(schoolId, {
    kind: "survey.exported",
    actor: { oid: principal.oid, name: principal.name },
    target: { kind: "survey", id: surveyId },
    data: { format, responses: out.responses },
  });
  return out;
}
