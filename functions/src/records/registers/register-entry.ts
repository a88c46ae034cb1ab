/**
 * POST /api/schools/{schoolId}/registers/{register}: 収受 or 発送 of a document.
 *
 *   1. Everything is checked first (category in the file plan, date not in the future, the 年度,
 *      classification, the library, and the staged upload when there is one: `checkFiling`), so a
 *      refused request takes no number.
 *   2. The number is claimed (assignNumber; audited `records.numberAssigned`). When there is a file,
 *      the line names the record id chosen for it from the start.
 *   3. The file is filed as a record carrying that number (`fileRecord`, related to the line). If
 *      filing fails here, the line is voided with the reason (`records.numberVoided`) and the error
 *      is answered: a number is never burnt silently. A filing still under way (the worker retries
 *      it) keeps the line; it shows "filed" once its record is.
 */
import {
  ensureCan,
  isKomuError,
  jstDateString,
  KomuError,
  type Principal,
  type RegisterEntryInput,
  type RegisterEntryStatus,
  type RegisterKind,
} from "@komu/shared";
import type { SchoolDirectory } from "../../deps.js";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import { type RegisterEntryData, registerEntryEntity } from "../entities.js";
import { checkFiling } from "../filing/check-filing.js";
import { fileRecord } from "../filing/file-record.js";
import { newRecordId } from "../ids.js";
import { recordsRepos } from "../repos.js";
import { assignNumber } from "./assign-number.js";
import { fiscalYearOfDate } from "./ids.js";
import { voidLine } from "./void-entry.js";

export interface RegisterDeps extends RecordsDeps {
  schools?: Pick<SchoolDirectory, "get">;
}

export interface RegisteredEntry {
  entry: StoredEntity<RegisterEntryData>;
  status: RegisterEntryStatus;
}

export async function registerEntry(
  deps: RegisterDeps,
  principal: Principal,
  schoolId: string,
  register: RegisterKind,
  input: RegisterEntryInput,
): Promise<RegisteredEntry> {
  ensureCan(principal, "records.register.write", { schoolId });
  const now = deps.clock();
  const date = input.date ?? jstDateString(now);
  if (date > jstDateString(now)) {
    throw new KomuError("VALIDATION_FAILED", {
      details: {
        target: "json",
        issues: [{ path: "date", code: "custom", message: "未来の日付は登録できません / the date is in the future" }],
      },
      message: { ja: "未来の日付は登録できません。", en: "The date cannot be in the future." },
    });
  }
  const fiscalYear = fiscalYearOfDate(date);
  const repos = recordsRepos(deps.storage);
  const checked = await checkFiling(
    { repos, clock: deps.clock },
    schoolId,
    {
      fiscalYear,
      categoryCode: input.categoryCode,
      ...(input.classification ? { classification: input.classification } : {}),
      uploadId: input.uploadId,
    },
    { requireUpload: false, stagedBy: principal.oid },
  );

  const actor = { oid: principal.oid, name: principal.name };
  const recordId = input.uploadId ? newRecordId(now) : null;
  const { entry, number } = await assignNumber(deps, {
    schoolId,
    register,
    date,
    title: input.title,
    counterpart: input.counterpart,
    channel: input.channel,
    categoryCode: checked.category.code,
    classification: checked.classification,
    note: input.note ?? null,
    recordId,
    actor,
    settings: { abbreviation: checked.settings.abbreviation, numberFormats: checked.settings.numberFormats },
  });
  if (!input.uploadId || !recordId) return { entry, status: "reserved" };

  try {
    const filed = await fileRecord(deps, {
      schoolId,
      actor,
      number,
      recordId,
      stagedBy: principal.oid,
      input: {
        uploadId: input.uploadId,
        title: input.title,
        fiscalYear,
        categoryCode: checked.category.code,
        classification: checked.classification,
        related: { kind: "register", id: entry.id },
        ...(input.note ? { note: input.note } : {}),
      },
    });
    if (!filed.filed) return { entry, status: "reserved" };
    // Best effort: a line whose record is filed reads "filed" anyway (entry-view.ts).
    const updated = await deps.storage.entities
      .repo(registerEntryEntity)
      .update(schoolId, entry.id, { status: "filed" }, entry.etag, { mode: "merge" })
      .catch(() => entry);
    return { entry: updated, status: "filed" };
  } catch (error) {
    // Filing under way after all (the record exists and has not failed): the line stays.
    const record = await repos.records.get(schoolId, recordId).catch(() => null);
    if (record && record.data.status !== "failed") return { entry, status: "reserved" };
    // The filing effect voids the line itself when it gives up (void-after-failed-filing.ts).
    const current = await deps.storage.entities
      .repo(registerEntryEntity)
      .get(schoolId, entry.id)
      .catch(() => null);
    if (current?.data.status === "voided") throw error;
    const voided = await voidLine(deps, current ?? entry, reasonOf(error), actor).catch((voidError) => {
      deps.logger.error("register line could not be voided after a failed filing", {
        schoolId,
        entryId: entry.id,
        error: String(voidError),
      });
      return null;
    });
    if (voided) deps.logger.info("register line voided after a failed filing", { schoolId, entryId: entry.id });
    throw error;
  }
}

function reasonOf(error: unknown): string {
  const text = isKomuError(error) ? `${error.text.ja}（${error.code}）` : "文書の保存に失敗しました（INTERNAL）";
  return `保存失敗: ${text}`.slice(0, 500);
}
