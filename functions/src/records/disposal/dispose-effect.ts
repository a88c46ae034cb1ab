/**
 * Outbox effect `records.dispose` {disposalId, recordId}: deletes one approved record.
 *
 *  1. The item must still be pending on an approved list, and the record's retention (as the
 *     record is now, not as it was proposed) must have fully passed — else the item is "kept".
 *  2. DELETE /drives/{d}/items/{i} (404 = already gone). SharePoint refusing (a retention label that
 *     blocks deletion, a lock: Graph 4xx) marks the item "failed" with the reason and returns the
 *     record to "filed" — visible, not retried. 429/5xx/network failures are retried by the outbox.
 *  3. The record row becomes a tombstone ("disposed": metadata and sha256 kept), then one
 *     `records.disposed` audit event (hash, approver, when), then the item is "deleted".
 * Idempotent: a rerun after a crash finds the tombstone and appends the audit event only if the
 * chain does not hold it yet.
 */
import { isKomuError, type LocalizedText, retentionExpired } from "@komu/shared";
import { z } from "zod";
import type { GraphGateway } from "../../graph/gateway.js";
import { RetryableError } from "../../outbox/errors.js";
import type { EffectHandler } from "../../outbox/types.js";
import type { Storage, StoredEntity } from "../../storage/index.js";
import {
  type DisposalData,
  disposalEntity,
  type RecordData,
  recordEntity,
  recordsSettingsEntity,
} from "../entities.js";
import { graphCode, graphStatus } from "../sharepoint/graph-paths.js";
import { libraryApi } from "../sharepoint/library.js";
import { mutate } from "./mutate.js";
import { type DisposalItem, isOpenItem, recordRetentionEnd } from "./retention-of.js";

export interface DisposeEffectDeps {
  storage: Pick<Storage, "entities" | "audit">;
  graph: GraphGateway;
  clock: () => Date;
}

const payloadSchema = z.object({ disposalId: z.string().min(1), recordId: z.string().min(1) });

/** Kōmu itself carries out the deletion; who approved it is in the event's data. */
export const SYSTEM_ACTOR = { oid: "system", name: "Kōmu" };

type Failure = { code: string; message: LocalizedText };

/** Statuses after which SharePoint may well accept the same DELETE later: leave them to the outbox's retries. */
const TRANSIENT = new Set([408, 425, 429]);

export function disposeEffect(deps: DisposeEffectDeps): EffectHandler {
  return async (raw, _attempt, info) => {
    const { disposalId, recordId } = payloadSchema.parse(raw);
    const schoolId = info.schoolId;
    const disposals = deps.storage.entities.repo(disposalEntity);
    const records = deps.storage.entities.repo(recordEntity);

    const disposal = await disposals.get(schoolId, disposalId);
    const item = disposal?.data.items.find((i) => i.recordId === recordId);
    if (!disposal || !item || disposal.data.status !== "approved" || item.status !== "pending") return;

    const finish = (status: DisposalItem["status"], extra: Partial<DisposalItem> = {}) =>
      retryOnConflict(() => finishItem(deps, schoolId, disposalId, recordId, status, extra));

    const record = await records.get(schoolId, recordId);
    if (!record) {
      await finish("failed", {
        failure: failure("RECORD_NOT_FOUND", "文書の索引が見つかりません。", "The record's index row is gone."),
      });
      return;
    }
    if (record.data.status !== "disposed") {
      // Still being filed, or a new version (pendingUploadId) still being written: deleting now would
      // audit the old hash while SharePoint gets (or loses) the new content. Wait for it.
      if (record.data.status === "filing" || record.data.pendingUploadId)
        throw new RetryableError("a new version is being filed", { retryAfterSeconds: 30 });
      const now = deps.clock();
      if (!retentionExpired(recordRetentionEnd(record.data), now)) {
        await release(deps, schoolId, recordId, disposalId);
        await finish("kept", {
          failure: failure(
            "RETENTION_NOT_EXPIRED",
            `保存期限（${record.data.retentionUntil}）がまだ過ぎていないため、残しました。`,
            `Kept: its retention (${record.data.retentionUntil}) has not passed yet.`,
          ),
        });
        return;
      }
      await retryOnConflict(() =>
        mutate(records, schoolId, recordId, (r) =>
          r.data.status === "filed" ? { status: "disposalApproved" as const, disposalId } : null,
        ),
      );
      const refused = await deleteInSharePoint(deps, schoolId, record);
      if (refused) {
        await release(deps, schoolId, recordId, disposalId);
        await finish("failed", { failure: refused });
        return;
      }
      await retryOnConflict(() =>
        mutate(records, schoolId, recordId, (r) =>
          r.data.status === "disposed"
            ? null
            : { status: "disposed" as const, disposalId, webUrl: null, pendingUploadId: null },
        ),
      );
    } else if (await alreadyAudited(deps, schoolId, disposalId, recordId)) {
      await finish("deleted", { deletedAt: deps.clock().toISOString() });
      return;
    }
    await deps.storage.audit.append(schoolId, {
      kind: "records.disposed",
      actor: SYSTEM_ACTOR,
      target: { kind: "record", id: recordId },
      data: {
        disposalId,
        title: record.data.title,
        sha256: record.data.sha256,
        approvedBy: disposal.data.decidedBy ?? SYSTEM_ACTOR,
        approvedAt: disposal.data.decidedAt ?? "",
        retentionUntil: item.retentionUntil,
      },
    });
    await finish("deleted", { deletedAt: deps.clock().toISOString() });
  };
}

/** null when the item is gone from SharePoint (deleted now or before); the refusal otherwise. */
async function deleteInSharePoint(
  deps: DisposeEffectDeps,
  schoolId: string,
  record: StoredEntity<RecordData>,
): Promise<Failure | null> {
  const itemId = record.data.driveItemId;
  if (!itemId) return null; // never reached SharePoint: nothing to delete
  const library = (await deps.storage.entities.repo(recordsSettingsEntity).get(schoolId, "settings"))?.data.library;
  if (!library) {
    return failure(
      "RECORDS_NOT_PROVISIONED",
      "学校文書ライブラリの場所が分かりません。",
      "The records library's location is unknown.",
    );
  }
  try {
    await libraryApi(deps.graph, library.driveId).deleteItem(itemId);
    return null;
  } catch (e) {
    const status = graphStatus(e);
    if (status === 404) return null;
    if (status === undefined || status >= 500 || TRANSIENT.has(status) || isKomuError(e)) throw e;
    const code = graphCode(e) ?? `HTTP_${status}`;
    const detail = e instanceof Error ? e.message.slice(0, 500) : String(e).slice(0, 500);
    return failure(
      code,
      `SharePoint が削除を拒否しました（${status} ${code}）。保持ラベルやロックを確認してください: ${detail}`,
      `SharePoint refused the deletion (${status} ${code}). Check retention labels or locks: ${detail}`,
    );
  }
}

/** The record goes back to "filed" (a later list may offer it again). */
async function release(deps: DisposeEffectDeps, schoolId: string, recordId: string, disposalId: string) {
  await retryOnConflict(() =>
    mutate(deps.storage.entities.repo(recordEntity), schoolId, recordId, (r) =>
      r.data.status === "disposalApproved" && r.data.disposalId === disposalId
        ? { status: "filed" as const, disposalId: null }
        : null,
    ),
  );
}

async function finishItem(
  deps: DisposeEffectDeps,
  schoolId: string,
  disposalId: string,
  recordId: string,
  status: DisposalItem["status"],
  extra: Partial<DisposalItem>,
): Promise<StoredEntity<DisposalData>> {
  return mutate(deps.storage.entities.repo(disposalEntity), schoolId, disposalId, (current) => {
    let changed = false;
    const items = current.data.items.map((i) => {
      if (i.recordId !== recordId || i.status !== "pending") return i;
      changed = true;
      return { ...i, ...extra, status };
    });
    if (!changed) return null;
    return items.some(isOpenItem) ? { items } : { items, status: "completed" as const };
  });
}

/** After a crash between the tombstone and the item update: is the event in the chain already? */
async function alreadyAudited(
  deps: DisposeEffectDeps,
  schoolId: string,
  disposalId: string,
  recordId: string,
): Promise<boolean> {
  let continuationToken: string | undefined;
  do {
    const page = await deps.storage.audit.list(schoolId, {
      limit: 1000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    for (const r of page.items) {
      const e = r.event;
      if (e.kind === "records.disposed" && e.target.id === recordId && e.data.disposalId === disposalId) return true;
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return false;
}

/** Too many concurrent writers on one list is a reason to try again later, not to give up. */
async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isKomuError(e) && e.code === "CONFLICT")
      throw new RetryableError(e.message, { retryAfterSeconds: 2, cause: e });
    throw e;
  }
}

const failure = (code: string, ja: string, en: string): Failure => ({ code, message: { ja, en } });
