/** GET …/registers/{register}?fiscalYear=: the lines of a register year in serial order (records.register.read). */
import { ensureCan, fiscalYearOf, type Principal, type RegisterEntryView, type RegisterKind } from "@komu/shared";
import type { Storage } from "../../storage/index.js";
import { listAll } from "../../storage/list-all.js";
import { recordEntity, registerEntryEntity } from "../entities.js";
import { toEntryView, withRecordStatus } from "./entry-view.js";

export interface ListEntriesDeps {
  storage: Pick<Storage, "entities">;
  clock: () => Date;
}

export async function listEntries(
  deps: ListEntriesDeps,
  principal: Principal,
  schoolId: string,
  register: RegisterKind,
  fiscalYear: number | undefined,
): Promise<{ fiscalYear: number; items: RegisterEntryView[] }> {
  ensureCan(principal, "records.register.read", { schoolId });
  const year = fiscalYear ?? fiscalYearOf(deps.clock());
  const entries = deps.storage.entities.repo(registerEntryEntity);
  const lines = await listAll(entries, schoolId, { where: { register, fiscalYear: year } });
  lines.sort((a, b) => a.data.serial - b.data.serial);
  const current = await withRecordStatus(lines, deps.storage.entities.repo(recordEntity), entries);
  return { fiscalYear: year, items: current.map((c) => toEntryView(c.row, principal, c.status)) };
}
