/**
 * Checks a draft's fields before anything is stored: the template exists for the school and the
 * drafter's route edits are within what it allows; the 文書分類 is in the school's file plan and
 * the classification is not lower than the category's (the records module's own check); the
 * files are the drafter's staged uploads (main: PDF).
 */
import {
  type ApprovalFile,
  applyRouteEdits,
  type Classification,
  fiscalYearOf,
  type RouteEdits,
  type RouteTemplate,
} from "@komu/shared";
import { checkFiling } from "../../records/filing/check-filing.js";
import { recordsRepos } from "../../records/repos.js";
import type { ApprovalsDeps } from "../deps.js";
import { findTemplate } from "../templates/find-template.js";
import { attachFile } from "./attach-file.js";

export async function checkTemplate(
  deps: Pick<ApprovalsDeps, "storage">,
  schoolId: string,
  templateId: string,
  edits: RouteEdits,
): Promise<RouteTemplate> {
  const template = await findTemplate(deps.storage, schoolId, templateId);
  applyRouteEdits(template, edits);
  return template;
}

/** The category's classification when none is given; CATEGORY_UNKNOWN / CLASSIFICATION_TOO_LOW. */
export async function checkCategory(
  deps: Pick<ApprovalsDeps, "storage" | "clock">,
  schoolId: string,
  categoryCode: string,
  classification: Classification | undefined,
): Promise<Classification> {
  const checked = await checkFiling(
    { repos: recordsRepos(deps.storage), clock: deps.clock },
    schoolId,
    { categoryCode, fiscalYear: fiscalYearOf(deps.clock()), ...(classification ? { classification } : {}) },
    { requireUpload: false },
  );
  return checked.classification;
}

export async function attachFiles(
  deps: Pick<ApprovalsDeps, "storage" | "records" | "clock">,
  req: { schoolId: string; approvalId: string; drafterOid: string },
  mainUploadId: string | null,
  attachmentUploadIds: readonly string[],
  pageUploadIds: readonly string[] = [],
): Promise<{ main: ApprovalFile | null; attachments: ApprovalFile[] }> {
  const main = mainUploadId
    ? await attachFile(deps, { ...req, uploadId: mainUploadId, role: "main", pageUploadIds })
    : null;
  const attachments: ApprovalFile[] = [];
  for (const uploadId of new Set(attachmentUploadIds))
    attachments.push(await attachFile(deps, { ...req, uploadId, role: "attachment" }));
  return { main, attachments };
}
