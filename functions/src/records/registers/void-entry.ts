/**
 * POST …/registers/{register}/{fiscalYear}/{serial}/void {reason} (If-Match): 取消 of a number.
 * A line whose document is filed is final (REGISTER_ENTRY_FINAL); one whose document is still being
 * filed must wait (RECORD_NOT_READY); voiding again with the same reason answers the voided line.
 * Audited `records.numberVoided`.
 */
import { ensureCan, KomuError, type Principal, type RegisterKind } from "@komu/shared";
import type { Storage, StoredEntity } from "../../storage/index.js";
import { type RegisterEntryData, recordEntity, registerEntryEntity } from "../entities.js";
import { derivedStatus } from "./entry-view.js";
import { entryId } from "./ids.js";

export interface VoidDeps {
  storage: Pick<Storage, "entities" | "audit">;
}

export interface VoidRequest {
  register: RegisterKind;
  fiscalYear: number;
  serial: number;
  reason: string;
  ifMatch: string | undefined;
}

export async function voidEntry(
  deps: VoidDeps,
  principal: Principal,
  schoolId: string,
  req: VoidRequest,
): Promise<StoredEntity<RegisterEntryData>> {
  ensureCan(principal, "records.register.write", { schoolId });
  const id = entryId(req.register, req.fiscalYear, req.serial);
  const line = await deps.storage.entities.repo(registerEntryEntity).get(schoolId, id);
  if (!line) throw new KomuError("NOT_FOUND", { details: { kind: "registerEntry", id } });
  if (line.data.status === "voided") {
    if (line.data.voidReason === req.reason) return line;
    throw new KomuError("REGISTER_ENTRY_FINAL", { details: { id, status: "voided" } });
  }
  const record = line.data.recordId
    ? await deps.storage.entities.repo(recordEntity).get(schoolId, line.data.recordId)
    : null;
  if (derivedStatus(line.data, record?.data) === "filed" || line.data.status === "filed") {
    throw new KomuError("REGISTER_ENTRY_FINAL", { details: { id, status: "filed", recordId: line.data.recordId } });
  }
  if (record?.data.status === "filing") {
    throw new KomuError("RECORD_NOT_READY", { details: { id, recordId: line.data.recordId } });
  }
  if (!req.ifMatch?.trim()) throw new KomuError("PRECONDITION_REQUIRED", { details: { header: "If-Match" } });
  return voidLine(deps, line, req.reason, { oid: principal.oid, name: principal.name }, req.ifMatch);
}

/** Sets the line "voided" with its reason (ETag) and audits it. Also used after a failed filing. */
export async function voidLine(
  deps: VoidDeps,
  line: StoredEntity<RegisterEntryData>,
  reason: string,
  actor: { oid: string; name: string },
  etag: string = line.etag,
): Promise<StoredEntity<RegisterEntryData>> {
  const voided = await deps.storage.entities
    .repo(registerEntryEntity)
    .update(line.schoolId, line.id, { status: "voided", voidReason: reason }, etag, { mode: "merge" });
  await deps.storage.audit.append(line.schoolId, {
    kind: "records.numberVoided",
    actor,
    target: { kind: "registerEntry", id: line.id },
    data: { register: line.data.register, fiscalYear: line.data.fiscalYear, serial: line.data.serial, reason },
  });
  return voided;
}
