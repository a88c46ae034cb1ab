/**
 * POST …/disposals/{id}/decision: the principal approves or rejects a 廃棄予定一覧 (If-Match).
 * Approval: items whose retention has fully passed are deleted through the outbox; the others
 * wait ("awaitingExpiry") for the daily job. Rejection keeps every record ("kept").
 * A second, different decision is DISPOSAL_ALREADY_DECIDED; the same decision again (a double tap,
 * even with the ETag read before the first) answers the decided list and changes nothing.
 */
import { ensureCan, isKomuError, KomuError, type Principal, retentionExpired } from "@komu/shared";
import type { Storage, StoredEntity } from "../../storage/index.js";
import { type DisposalData, disposalEntity } from "../entities.js";
import { DISPATCH_EFFECT } from "./dispatch.js";
import { itemRetentionEnd } from "./retention-of.js";

export interface DecideDeps {
  storage: Pick<Storage, "entities" | "audit" | "outbox">;
  clock: () => Date;
}

export interface DecideInput {
  decision: "approve" | "reject";
  comment?: string | undefined;
}

const decisionOf = (d: DisposalData): "approve" | "reject" | null =>
  d.status === "proposed" ? null : d.status === "rejected" ? "reject" : "approve";

export async function decideDisposal(
  deps: DecideDeps,
  principal: Principal,
  schoolId: string,
  disposalId: string,
  input: DecideInput,
  ifMatch: string | undefined,
): Promise<StoredEntity<DisposalData>> {
  ensureCan(principal, "records.disposal.approve", { schoolId });
  const repo = deps.storage.entities.repo(disposalEntity);
  const current = await repo.require(schoolId, disposalId);
  const already = await settled(deps, current, input);
  if (already) return already;
  if (!ifMatch?.trim()) throw new KomuError("PRECONDITION_REQUIRED", { details: { header: "If-Match" } });

  const now = deps.clock();
  const actor = { oid: principal.oid, name: principal.name };
  const items = current.data.items.map((item) =>
    input.decision === "reject"
      ? { ...item, status: "kept" as const }
      : {
          ...item,
          status: retentionExpired(itemRetentionEnd(item), now) ? ("pending" as const) : ("awaitingExpiry" as const),
        },
  );
  let decided: StoredEntity<DisposalData>;
  try {
    decided = await repo.update(
      schoolId,
      disposalId,
      {
        status: input.decision === "approve" ? "approved" : "rejected",
        items,
        decidedBy: actor,
        decidedAt: now.toISOString(),
        comment: input.comment ?? null,
      },
      ifMatch,
      { mode: "merge" },
    );
  } catch (e) {
    // A double tap whose twin won the race: answer like the twin.
    if (isKomuError(e) && e.code === "STALE_ETAG") {
      const raced = await settled(deps, await repo.require(schoolId, disposalId), input);
      if (raced) return raced;
    }
    throw e;
  }
  await deps.storage.audit.append(schoolId, {
    kind: "records.disposalDecided",
    actor,
    target: { kind: "disposal", id: disposalId },
    data: { decision: input.decision, count: items.length, ...(input.comment ? { comment: input.comment } : {}) },
  });
  if (input.decision === "approve") await enqueueDispatch(deps, schoolId, disposalId);
  return decided;
}

/** The list if it is already decided the same way (dispatch re-enqueued, a no-op once done); null if still open. */
async function settled(
  deps: DecideDeps,
  current: StoredEntity<DisposalData>,
  input: DecideInput,
): Promise<StoredEntity<DisposalData> | null> {
  const decided = decisionOf(current.data);
  if (decided === null) return null;
  if (decided !== input.decision) {
    throw new KomuError("DISPOSAL_ALREADY_DECIDED", {
      details: { disposalId: current.id, status: current.data.status },
    });
  }
  if (decided === "approve") await enqueueDispatch(deps, current.schoolId, current.id);
  return current;
}

const enqueueDispatch = (deps: DecideDeps, schoolId: string, disposalId: string) =>
  deps.storage.outbox.enqueue({ kind: DISPATCH_EFFECT, schoolId, payload: { disposalId }, dedupeKey: disposalId });
