/**
 * POST …/disposals: the 廃棄予定一覧 of a 年度, built from the candidates at this moment (less the
 * records the proposer leaves out). Nothing to dispose of → NOTHING_TO_DISPOSE. At most
 * MAX_DISPOSAL_ITEMS per list (oldest 保存期限 first); the rest stay candidates for the next list.
 */
import { randomUUID } from "node:crypto";
import { ensureCan, fiscalYearOf, KomuError, type Principal } from "@komu/shared";
import type { Storage, StoredEntity } from "../../storage/index.js";
import { type DisposalData, disposalEntity } from "../entities.js";
import { disposalCandidates } from "./candidates.js";

/** Keeps a list well inside a Table entity's size (480,000 characters of JSON). */
export const MAX_DISPOSAL_ITEMS = 500;

export interface ProposeDeps {
  storage: Pick<Storage, "entities" | "audit">;
  clock: () => Date;
}

export interface ProposeInput {
  fiscalYear: number;
  exclude: readonly string[];
}

export async function proposeDisposal(
  deps: ProposeDeps,
  principal: Principal,
  schoolId: string,
  input: ProposeInput,
): Promise<StoredEntity<DisposalData>> {
  ensureCan(principal, "records.disposal.propose", { schoolId });
  const now = deps.clock();
  if (input.fiscalYear > fiscalYearOf(now)) {
    throw new KomuError("FISCAL_YEAR_IN_FUTURE", {
      details: { fiscalYear: input.fiscalYear },
      message: {
        ja: "まだ始まっていない年度の廃棄予定一覧は作成できません。",
        en: "A disposal list cannot be prepared for a fiscal year that has not started.",
      },
    });
  }
  const excluded = new Set(input.exclude);
  const items = (await disposalCandidates(deps, schoolId, input.fiscalYear))
    .filter((i) => !excluded.has(i.recordId))
    .slice(0, MAX_DISPOSAL_ITEMS);
  if (items.length === 0) throw new KomuError("NOTHING_TO_DISPOSE", { details: { fiscalYear: input.fiscalYear } });

  const actor = { oid: principal.oid, name: principal.name };
  const created = await deps.storage.entities.repo(disposalEntity).create(schoolId, randomUUID(), {
    fiscalYear: input.fiscalYear,
    status: "proposed",
    items,
    proposedBy: actor,
    proposedAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    comment: null,
  });
  await deps.storage.audit.append(schoolId, {
    kind: "records.disposalProposed",
    actor,
    target: { kind: "disposal", id: created.id },
    data: { fiscalYear: input.fiscalYear, count: items.length },
  });
  return created;
}
