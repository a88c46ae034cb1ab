/**
 * Reading a record: `document.read` with the record's classification, owner (the author) and
 * topic (health records for the nurse). Students never (the capability is staff-only). Every read
 * of a class I or II record — metadata, content or versions — is appended to the school's audit
 * log as records.viewed.
 */
import { can, ensureCan, KomuError, type Principal, type Resource } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordData } from "../entities.js";
import { recordsRepos } from "../repos.js";

export function recordResource(schoolId: string, r: Pick<RecordData, "classification" | "author" | "topic">): Resource {
  return {
    schoolId,
    classification: r.classification,
    ownerId: r.author.oid,
    ...(r.topic ? { topic: r.topic } : {}),
  };
}

export const canRead = (principal: Principal, row: StoredEntity<RecordData>) =>
  can(principal, "document.read", recordResource(row.schoolId, row.data));

export type ReadHow = "metadata" | "content" | "versions";

export async function readRecord(
  deps: RecordsDeps,
  principal: Principal,
  schoolId: string,
  recordId: string,
  how: ReadHow,
): Promise<StoredEntity<RecordData>> {
  // The school first: someone outside it learns nothing about which ids exist.
  ensureCan(principal, "document.read", { schoolId, classification: "IV" });
  const row = await recordsRepos(deps.storage).records.get(schoolId, recordId);
  if (!row || row.data.status === "disposed")
    throw new KomuError("NOT_FOUND", { details: { kind: "record", schoolId, recordId } });
  ensureCan(principal, "document.read", recordResource(schoolId, row.data));
  if (row.data.classification === "I" || row.data.classification === "II") {
    await deps.storage.audit.append(schoolId, {
      kind: "records.viewed",
      actor: { oid: principal.oid, name: principal.name },
      target: { kind: "record", id: recordId },
      data: { classification: row.data.classification, how },
    });
  }
  return row;
}
