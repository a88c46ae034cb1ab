/**
 * The school's 文書分類表: read by staff (and board staff), replaced by whoever holds
 * records.filePlan.edit with If-Match. A category that records use may be retired (it takes no
 * new records) but not deleted. Existing records keep the retention computed when they were
 * filed. Changes are audited as records.configChanged with { code: { from, to } }.
 */
import { type FilePlan, type FilePlanView, KomuError, type Principal } from "@komu/shared";
import { diffChanges } from "@komu/shared/audit/events";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import { FILE_PLAN_ID, recordsRepos } from "../repos.js";

type PlanRow = StoredEntity<{ plan: FilePlan }>;

export function toFilePlanView(row: PlanRow): FilePlanView {
  return { schoolId: row.schoolId, plan: row.data.plan, etag: row.etag, updatedAt: row.updatedAt };
}

export async function getFilePlan(deps: RecordsDeps, schoolId: string): Promise<PlanRow> {
  const row = await recordsRepos(deps.storage).filePlan.get(schoolId, FILE_PLAN_ID);
  if (!row) throw new KomuError("RECORDS_NOT_PROVISIONED", { details: { schoolId } });
  return row;
}

/** Does any record that is not a tombstone use the category? Every page (a page may hold only tombstones, or nothing). */
async function inUse(deps: RecordsDeps, schoolId: string, code: string): Promise<boolean> {
  const records = recordsRepos(deps.storage).records;
  let continuationToken: string | undefined;
  do {
    const page = await records.list(schoolId, {
      where: { categoryCode: code },
      limit: 1000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    if (page.items.some((r) => r.data.status !== "disposed")) return true;
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return false;
}

export async function putFilePlan(
  deps: RecordsDeps,
  principal: Principal,
  schoolId: string,
  plan: FilePlan,
  ifMatch: string,
): Promise<PlanRow> {
  const current = await getFilePlan(deps, schoolId);
  if (current.etag !== ifMatch) throw new KomuError("STALE_ETAG", { details: { kind: "filePlan", schoolId } });
  const keep = new Set(plan.categories.map((c) => c.code));
  for (const old of current.data.plan.categories) {
    if (!keep.has(old.code) && (await inUse(deps, schoolId, old.code))) {
      throw new KomuError("CONFLICT", {
        message: {
          ja: `分類 ${old.code}（${old.name}）には文書があるため削除できません。廃止（retired）にしてください。`,
          en: `Category ${old.code} (${old.name}) holds records and cannot be deleted; retire it instead.`,
        },
        details: { categoryCode: old.code, reason: "inUse" },
      });
    }
  }
  const byCode = (p: FilePlan) => Object.fromEntries(p.categories.map((c) => [c.code, c]));
  const changes = diffChanges(
    { schoolKind: current.data.plan.schoolKind, ...byCode(current.data.plan) },
    { schoolKind: plan.schoolKind, ...byCode(plan) },
  );
  const row = await recordsRepos(deps.storage).filePlan.update(schoolId, FILE_PLAN_ID, { plan }, ifMatch);
  if (Object.keys(changes).length > 0) {
    await deps.storage.audit.append(schoolId, {
      kind: "records.configChanged",
      actor: { oid: principal.oid, name: principal.name },
      target: { kind: "filePlan", id: schoolId },
      data: { what: "filePlan", changes },
    });
  }
  return row;
}
