/**
 * GET …/disposals and …/disposals/{id}: the lists and their progress, for those who prepare
 * (records.disposal.propose) or decide (records.disposal.approve) them.
 */
import { can, KomuError, type Principal } from "@komu/shared";
import type { Storage, StoredEntity } from "../../storage/index.js";
import { listAll } from "../../storage/list-all.js";
import { type DisposalData, disposalEntity } from "../entities.js";

export interface ReadDeps {
  storage: Pick<Storage, "entities">;
}

function ensureMayRead(principal: Principal, schoolId: string): void {
  if (can(principal, "records.disposal.propose", { schoolId })) return;
  if (can(principal, "records.disposal.approve", { schoolId })) return;
  throw new KomuError("FORBIDDEN", { details: { capability: "records.disposal.propose", schoolId } });
}

export async function listDisposals(
  deps: ReadDeps,
  principal: Principal,
  schoolId: string,
): Promise<StoredEntity<DisposalData>[]> {
  ensureMayRead(principal, schoolId);
  const all = await listAll(deps.storage.entities.repo(disposalEntity), schoolId);
  return all.sort((a, b) => b.data.proposedAt.localeCompare(a.data.proposedAt) || a.id.localeCompare(b.id));
}

export async function readDisposal(
  deps: ReadDeps,
  principal: Principal,
  schoolId: string,
  disposalId: string,
): Promise<StoredEntity<DisposalData>> {
  ensureMayRead(principal, schoolId);
  return deps.storage.entities.repo(disposalEntity).require(schoolId, disposalId);
}
