/**
 * Validation of the identifiers that end up in PartitionKey / RowKey. Table keys may not contain
 * `/ \ # ?` or control characters; we allow a conservative, URL-safe set and answer INVALID_ID
 * for anything else, so bad ids never reach the service.
 */
import { KomuError } from "@komu/shared";

const SCHOOL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9._~@+=-]{0,199}$/;
const KIND = /^[a-z][a-zA-Z0-9]{0,39}$/;
const FIELD = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

function invalid(what: string, value: string): never {
  throw new KomuError("INVALID_ID", {
    details: { [what]: value },
    message: { ja: `${what} の形式が正しくありません: ${value}`, en: `Invalid ${what}: ${value}` },
  });
}

export function checkSchoolId(schoolId: string): string {
  if (typeof schoolId !== "string" || !SCHOOL_ID.test(schoolId)) invalid("schoolId", String(schoolId));
  return schoolId;
}

export function checkEntityId(id: string): string {
  if (typeof id !== "string" || !ENTITY_ID.test(id)) invalid("id", String(id));
  return id;
}

/** Kinds and index fields are chosen by code, not users: a bad one is a programming error. */
export function checkKind(kind: string): string {
  if (!KIND.test(kind)) throw new Error(`entity kind "${kind}" must match ${KIND}`);
  return kind;
}

export function checkField(field: string): string {
  if (!FIELD.test(field)) throw new Error(`index field "${field}" must match ${FIELD}`);
  return field;
}
