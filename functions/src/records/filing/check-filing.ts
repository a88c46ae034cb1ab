/**
 * Everything that can be wrong with a filing request, checked before any side effect (so a
 * refused request leaves nothing in SharePoint, the index or the registers). The registers
 * module calls this before it reserves a number.
 */
import {
  type Classification,
  type FilePlanCategory,
  type FileRecordInput,
  fileableCategories,
  findCategory,
  fiscalYearOf,
  KomuError,
  type RetentionEnd,
  retentionEnd,
} from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { LibraryLocation, RecordsSettingsData, UploadData } from "../entities.js";
import { FILE_PLAN_ID, type RecordsRepos, SETTINGS_ID } from "../repos.js";

/** I is the most protected; a record may raise the category's class, never lower it. */
const RANK: Record<Classification, number> = { I: 1, II: 2, III: 3, IV: 4 };

export interface CheckedFiling {
  schoolId: string;
  settings: RecordsSettingsData;
  library: LibraryLocation;
  category: FilePlanCategory;
  classification: Classification;
  retention: RetentionEnd;
  /** The staged upload (absent when `requireUpload` was false and no uploadId was given). */
  upload: StoredEntity<UploadData> | undefined;
}

export interface CheckFilingOptions {
  /** The record id that may already hold the upload (an idempotent retry of the same filing). */
  recordId?: string;
  /** Registers may check a line without a file (default true: the upload must exist). */
  requireUpload?: boolean;
  /**
   * Entra object id of the only user whose staged upload may be used (API callers file their own
   * uploads; someone else's is UPLOAD_NOT_FOUND, as if it did not exist). Unset: any upload of the
   * school (a module filing on someone's behalf).
   */
  stagedBy?: string;
}

export interface CheckFilingDeps {
  repos: Pick<RecordsRepos, "settings" | "filePlan" | "uploads">;
  clock: () => Date;
}

/** Loads the school's settings (with the library location) or RECORDS_NOT_PROVISIONED. */
export async function requireLibrary(
  repos: Pick<RecordsRepos, "settings">,
  schoolId: string,
): Promise<{ settings: RecordsSettingsData; library: LibraryLocation }> {
  const settings = await repos.settings.get(schoolId, SETTINGS_ID);
  if (!settings?.data.library) throw new KomuError("RECORDS_NOT_PROVISIONED", { details: { schoolId } });
  return { settings: settings.data, library: settings.data.library };
}

export async function checkFiling(
  deps: CheckFilingDeps,
  schoolId: string,
  input: Omit<FileRecordInput, "uploadId" | "title"> & { uploadId?: string | undefined },
  options: CheckFilingOptions = {},
): Promise<CheckedFiling> {
  const { repos, clock } = deps;
  const { settings, library } = await requireLibrary(repos, schoolId);

  const plan = await repos.filePlan.get(schoolId, FILE_PLAN_ID);
  const category = plan ? findCategory(plan.data.plan, input.categoryCode) : undefined;
  if (!plan || !category || !fileableCategories(plan.data.plan).some((c) => c.code === category.code)) {
    throw new KomuError("CATEGORY_UNKNOWN", {
      details: {
        categoryCode: input.categoryCode,
        reason: !category ? "notInPlan" : category.retired ? "retired" : "notFileable",
      },
    });
  }

  const now = clock();
  const currentFiscalYear = fiscalYearOf(now);
  if (input.fiscalYear > currentFiscalYear) {
    throw new KomuError("FISCAL_YEAR_IN_FUTURE", { details: { fiscalYear: input.fiscalYear, currentFiscalYear } });
  }

  const classification = input.classification ?? category.classification;
  if (RANK[classification] > RANK[category.classification]) {
    throw new KomuError("CLASSIFICATION_TOO_LOW", {
      details: { classification, categoryClassification: category.classification, categoryCode: category.code },
    });
  }

  if (category.trigger === "graduation" && input.eventDate) {
    const event = new Date(`${input.eventDate}T00:00:00+09:00`);
    if (fiscalYearOf(event) < input.fiscalYear) {
      throw new KomuError("VALIDATION_FAILED", {
        details: {
          target: "json",
          issues: [
            {
              path: "eventDate",
              code: "custom",
              message:
                "卒業・転学日が記録の年度より前です / the graduation or transfer date is before the record's 年度",
            },
          ],
        },
      });
    }
  }

  let upload: StoredEntity<UploadData> | undefined;
  if (input.uploadId !== undefined || options.requireUpload !== false) {
    const uploadId = input.uploadId ?? "";
    const stored = uploadId ? await repos.uploads.get(schoolId, uploadId) : null;
    const found =
      stored && (options.stagedBy === undefined || stored.data.uploadedBy.oid === options.stagedBy) ? stored : null;
    const expired = found && Date.parse(found.data.expiresAt) <= now.getTime();
    const usedElsewhere = found?.data.usedBy && found.data.usedBy !== options.recordId;
    if (!found || expired || usedElsewhere) {
      throw new KomuError("UPLOAD_NOT_FOUND", {
        details: { uploadId, reason: !found ? "missing" : expired ? "expired" : "alreadyFiled" },
      });
    }
    upload = found;
  }

  return {
    schoolId,
    settings,
    library,
    category,
    classification,
    retention: retentionEnd({
      fiscalYear: input.fiscalYear,
      period: category.retention,
      trigger: category.trigger,
      eventDate: input.eventDate ?? null,
    }),
    upload,
  };
}
