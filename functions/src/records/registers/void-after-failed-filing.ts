/**
 * A register line whose document failed to file for good (the filing effect gave up after its
 * retries) is voided with the reason, so its number is never burnt silently — the same rule as a
 * filing that fails while the clerk waits (register-entry.ts). The filing effect calls this when
 * it marks a record "failed"; only a line still "reserved" for exactly that record is touched.
 */
import { isKomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import { type RecordData, registerEntryEntity } from "../entities.js";
import { type VoidDeps, voidLine } from "./void-entry.js";

export const SYSTEM_ACTOR = { oid: "system", name: "Kōmu" };

export async function voidLineOfFailedRecord(
  deps: VoidDeps,
  record: StoredEntity<RecordData>,
  failure: { code: string; message: { ja: string; en: string } },
): Promise<StoredEntity<unknown> | null> {
  const related = record.data.related;
  if (related?.kind !== "register") return null;
  const repo = deps.storage.entities.repo(registerEntryEntity);
  for (let attempt = 1; ; attempt++) {
    const line = await repo.get(record.schoolId, related.id);
    if (line?.data.status !== "reserved" || line.data.recordId !== record.id) return null;
    try {
      const reason = `保存失敗: ${failure.message.ja}（${failure.code}）`.slice(0, 500);
      return await voidLine(deps, line, reason, SYSTEM_ACTOR);
    } catch (e) {
      if (!(isKomuError(e) && e.code === "STALE_ETAG") || attempt >= 5) throw e;
    }
  }
}
