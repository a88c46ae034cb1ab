/**
 * Gapless, concurrency-safe 受付番号 / 文書番号: per school, per register, per 年度.
 *
 * Claiming a number = creating the register line `${register}-${fiscalYear}-${serial}` (an atomic
 * create: a second create of the same id conflicts). A claimant starts after the head hint
 * (`registerHead`, which may lag but is never ahead of an existing line) and steps forward on each
 * conflict, so the claimed serials are always exactly 1..n. A conflict on a line holding our own
 * `claimId` is our create whose reply was lost (the SDK retried and got 409): the number is ours.
 * After the claim the hint is advanced best effort (ETag; losing is fine) and the assignment is
 * audited (`records.numberAssigned`).
 *
 * Used by the 収受・発送簿 API and by other modules (approvals give a 文書番号 at 決裁).
 */
import { randomUUID } from "node:crypto";
import {
  type Classification,
  type DeliveryChannel,
  formatRecordNumber,
  isKomuError,
  KomuError,
  type RecordNumber,
  type RegisterKind,
} from "@komu/shared";
import type { SchoolDirectory } from "../../deps.js";
import type { EntityRepo, Storage, StoredEntity } from "../../storage/index.js";
import { type RegisterEntryData, registerEntryEntity, registerHeadEntity } from "../entities.js";
import { entryId, fiscalYearOfDate, headId, MAX_SERIAL } from "./ids.js";
import { loadNumberSettings, type NumberSettings } from "./number-settings.js";

export interface AssignNumberDeps {
  storage: Pick<Storage, "entities" | "audit">;
  /** For the default 略称 of a school without records settings. */
  schools?: Pick<SchoolDirectory, "get">;
}

export interface AssignNumberInput {
  schoolId: string;
  register: RegisterKind;
  /** 収受日 / 発送日 (JST calendar date, YYYY-MM-DD); its 年度 picks the register year. */
  date: string;
  title: string;
  /** 差出人 (receipt) or 宛先 (dispatch). */
  counterpart: string;
  channel: DeliveryChannel;
  categoryCode: string;
  classification: Classification;
  note?: string | null;
  /** The record this line's document will be filed as (chosen before filing, so the line names it from the start). */
  recordId?: string | null;
  actor: { oid: string; name: string };
  /** Already loaded settings (default: read from the school's recordsSettings). */
  settings?: NumberSettings;
  /** Identifies this claim (random by default). */
  claimId?: string;
}

export interface AssignedNumber {
  entry: StoredEntity<RegisterEntryData>;
  number: RecordNumber;
}

/** How many conflicts in a row before the head hint is read again to jump ahead. */
const REREAD_HEAD_EVERY = 4;

export async function assignNumber(deps: AssignNumberDeps, input: AssignNumberInput): Promise<AssignedNumber> {
  const entries = deps.storage.entities.repo(registerEntryEntity);
  const heads = deps.storage.entities.repo(registerHeadEntity);
  const { schoolId, register } = input;
  const fiscalYear = fiscalYearOfDate(input.date);
  const settings = input.settings ?? (await loadNumberSettings(deps, schoolId));
  const claimId = input.claimId ?? randomUUID();
  const hint = headId(register, fiscalYear);

  const lineFor = (serial: number): RegisterEntryData => ({
    register,
    fiscalYear,
    serial,
    number: formatRecordNumber(settings.numberFormats[register], {
      abbreviation: settings.abbreviation,
      serial,
      fiscalYear,
    }),
    date: input.date,
    title: input.title,
    counterpart: input.counterpart,
    channel: input.channel,
    categoryCode: input.categoryCode,
    classification: input.classification,
    status: "reserved",
    recordId: input.recordId ?? null,
    voidReason: null,
    note: input.note ?? null,
    createdBy: { oid: input.actor.oid, name: input.actor.name },
    claimId,
  });

  let serial = ((await heads.get(schoolId, hint))?.data.lastSerial ?? 0) + 1;
  let conflicts = 0;
  for (;;) {
    if (serial > MAX_SERIAL) {
      throw new KomuError("CONFLICT", {
        details: { reason: "register full", register, fiscalYear },
        message: { ja: "この年度の番号が上限に達しました。", en: "This register year has run out of numbers." },
      });
    }
    const claimed = await claim(entries, schoolId, entryId(register, fiscalYear, serial), lineFor(serial), claimId);
    if (claimed) {
      await advanceHead(heads, schoolId, hint, serial).catch(() => undefined);
      await deps.storage.audit.append(schoolId, {
        kind: "records.numberAssigned",
        actor: input.actor,
        target: { kind: "registerEntry", id: claimed.id },
        data: { register, fiscalYear, serial, number: claimed.data.number },
      });
      return {
        entry: claimed,
        number: { register, fiscalYear, serial, text: claimed.data.number },
      };
    }
    serial += 1;
    conflicts += 1;
    if (conflicts % REREAD_HEAD_EVERY === 0) {
      // Others have moved the hint while we stepped: jump (the hint is never ahead of a line).
      const head = await heads.get(schoolId, hint);
      if (head && head.data.lastSerial + 1 > serial) serial = head.data.lastSerial + 1;
    }
  }
}

/** The line if we hold it now (created, or found with our claimId); null when someone else does. */
async function claim(
  entries: EntityRepo<RegisterEntryData>,
  schoolId: string,
  id: string,
  line: RegisterEntryData,
  claimId: string,
): Promise<StoredEntity<RegisterEntryData> | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await entries.create(schoolId, id, line);
    } catch (e) {
      const conflict = isKomuError(e) && e.code === "CONFLICT";
      // A conflict, or a failure whose outcome is unknown: was the create applied for us?
      const taken = await entries.get(schoolId, id).catch((readError) => {
        throw conflict ? readError : e;
      });
      if (taken?.data.claimId === claimId) return taken;
      if (taken) return null;
      if (!conflict) throw e;
      // Conflict but no line (cannot happen: lines are never deleted): try the same serial again.
    }
  }
  throw new KomuError("CONFLICT", { details: { reason: "register line neither created nor found", id } });
}

/** Moves the hint forward to `serial` (never back). Best effort: a lost race leaves it lagging. */
async function advanceHead(
  heads: EntityRepo<{ lastSerial: number }>,
  schoolId: string,
  id: string,
  serial: number,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const head = await heads.get(schoolId, id);
    if (head && head.data.lastSerial >= serial) return;
    try {
      if (head) await heads.update(schoolId, id, { lastSerial: serial }, head.etag);
      else await heads.create(schoolId, id, { lastSerial: serial });
      return;
    } catch (e) {
      if (!isKomuError(e) || (e.code !== "STALE_ETAG" && e.code !== "CONFLICT")) throw e;
    }
  }
}
