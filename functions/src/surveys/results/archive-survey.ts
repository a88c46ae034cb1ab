/**
 * POST …/surveys/{id}/archive (owner, survey.oversee): files the results workbook (responses +
 * per-question summary) in the school's records library through the records module's own use
 * cases — the bytes are staged as an upload (`stageUpload`) and filed with `fileRecord`, as the
 * approvals module files a sealed PDF. Only once the survey no longer takes answers (closed, or
 * past its deadline). Title 「<title> 結果」, the category's retention and classification, raised
 * to II for a named survey of students or guardians (their answers are personal data).
 *
 * Idempotent: the record id is chosen and kept on the survey row (ETag) before anything is
 * filed; a retry finds it and returns that record (re-driving a filing still under way); after a
 * filing that failed for good, the next request files under a new id. The export is audited once
 * per record (`survey.exported`, format "archive", recordId).
 */
import {
  type ArchiveInput,
  acceptsAnswers,
  type Classification,
  findCategory,
  fiscalYearOf,
  KomuError,
  type Principal,
} from "@komu/shared";
import type { z } from "zod";
import { fileRecord } from "../../records/filing/file-record.js";
import { newRecordId } from "../../records/ids.js";
import { FILE_PLAN_ID, recordsRepos } from "../../records/repos.js";
import { stageUpload } from "../../records/staging/stage-upload.js";
import type { StoredEntity } from "../../storage/index.js";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { buildSurveyFile } from "./export-survey.js";
import { submittedResponses } from "./rows.js";

const RANK: Record<Classification, number> = { I: 1, II: 2, III: 3, IV: 4 };

export interface ArchiveOutcome {
  recordIds: string[];
  status: string;
}

export async function archiveSurvey(
  deps: SurveysDeps,
  principal: Principal,
  schoolId: string,
  surveyId: string,
  input: z.infer<typeof ArchiveInput>,
): Promise<ArchiveOutcome> {
  const records = deps.records;
  if (!records)
    throw new KomuError("CONFIGURATION_INVALID", { details: { reason: "the records library is not wired" } });
  let survey = await loadSurveyFor(deps, principal, schoolId, surveyId, "manage");
  const now = deps.clock();
  if (survey.data.status === "draft") throw new KomuError("SURVEY_NOT_OPEN");
  if (acceptsAnswers(survey.data, now))
    throw new KomuError("CONFLICT", {
      message: {
        ja: "回答受付中のアンケートは保存できません。締切後か、アンケートを終了してから保存してください。",
        en: "A survey still taking answers cannot be archived. Archive it after the deadline or once it is closed.",
      },
      details: { reason: "surveyStillOpen", deadline: survey.data.deadline },
    });

  const repo = surveysRepos(deps.storage).surveys;
  const save = (patch: Partial<SurveyRow>, current: StoredEntity<SurveyRow>) =>
    repo.update(schoolId, surveyId, { ...current.data, ...patch }, current.etag);

  // 1. the record id, kept before filing (a retry files under the same id); a filing that
  //    failed for good (the record "failed") is not retried forever: the next request starts anew.
  const recordRows = recordsRepos(records.storage).records;
  const previous = survey.data.archive ? await recordRows.get(schoolId, survey.data.archive.recordId) : null;
  if (!survey.data.archive || previous?.data.status === "failed")
    survey = await save(
      { archive: { recordId: newRecordId(now), categoryCode: input.categoryCode, audited: false } },
      survey,
    );
  const archive = survey.data.archive as NonNullable<SurveyRow["archive"]>;
  const recordId = archive.recordId;
  const actor = { oid: principal.oid, name: principal.name };

  // 2. the workbook, staged and filed (skipped when the record exists: fileRecord re-drives it)
  const existing = previous?.id === recordId ? previous : await recordRows.get(schoolId, recordId);
  let responses = 0;
  let filing: Awaited<ReturnType<typeof fileRecord>>;
  if (existing) {
    filing = await fileRecord(records, {
      schoolId,
      recordId,
      actor,
      input: {
        uploadId: existing.data.pendingUploadId ?? "-",
        title: existing.data.title,
        fiscalYear: existing.data.fiscalYear,
        categoryCode: existing.data.categoryCode,
      },
    });
  } else {
    const plan = await recordsRepos(records.storage).filePlan.get(schoolId, FILE_PLAN_ID);
    // Nothing filed yet: this request's category (a retry may correct a refused one).
    const categoryCode = input.categoryCode;
    const category = plan ? findCategory(plan.data.plan, categoryCode) : undefined;
    const personal = !survey.data.anonymous && survey.data.audience.kind !== "staff";
    const classification: Classification | undefined =
      category && personal && RANK[category.classification] > RANK.II ? "II" : undefined;
    const file = await buildSurveyFile(deps, survey, "xlsx");
    responses = file.responses;
    const upload = await stageUpload(records, { schoolId, fileName: file.fileName, bytes: file.bytes, actor });
    const endedAt = new Date(Math.min(now.getTime(), Date.parse(survey.data.closedAt ?? survey.data.deadline)));
    filing = await fileRecord(records, {
      schoolId,
      recordId,
      actor,
      input: {
        uploadId: upload.uploadId,
        title: `${survey.data.title} 結果`.slice(0, 200),
        fiscalYear: fiscalYearOf(endedAt),
        categoryCode,
        ...(classification ? { classification } : {}),
        related: { kind: "survey", id: surveyId },
        authorName: survey.data.ownerName,
      },
    });
  }

  // 3. audited once, then remembered
  if (!archive.audited) {
    if (existing) responses = (await submittedResponses(deps, schoolId, surveyId)).length;
    await deps.storage.audit.append(schoolId, {
      kind: "survey.exported",
      actor,
      target: { kind: "survey", id: surveyId },
      data: { format: "archive", responses, recordId },
    });
    await save({ archive: { ...archive, audited: true } }, await repo.require(schoolId, surveyId));
  }
  return { recordIds: [recordId], status: filing.record.data.status };
}
