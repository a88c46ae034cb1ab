/**
 * After a committed transition: the outbox effect `approvals.cards` that brings the cards and
 * notices up to date (dedupe key = the approval's version, so a transition is published once),
 * then one inline delivery attempt in the background (the worker delivers it otherwise).
 */
import type { Logger } from "../../deps.js";
import type { EffectHandlers } from "../../outbox/types.js";
import type { Storage } from "../../storage/index.js";
import type { Committed } from "../decide/commit-transition.js";
import { APPROVALS_FINALIZE_EFFECT } from "../finalize/finalize-effect.js";
import { APPROVALS_CARDS_EFFECT, type CardsEffectPayload } from "./notify-effect.js";

export function cardsPayloadOf({
  transition,
  actor,
  via,
}: Pick<Committed, "transition" | "actor" | "via">): CardsEffectPayload | null {
  const { approval, events } = transition;
  const notify = new Set<string>();
  const notices: CardsEffectPayload["notices"] = [];
  const key = (kind: string) => `${approval.round}.${approval.stepSeq}.${approval.history.length}.${kind}`;
  const drafter = approval.drafter.oid;
  for (const e of events) {
    switch (e.type) {
      case "submitted":
        notify.add(drafter);
        break;
      case "stageActivated":
        for (const p of e.notify) notify.add(p.oid);
        break;
      case "circulated":
        for (const p of e.people) notify.add(p.oid);
        break;
      case "completed":
        notices.push({ oid: drafter, kind: "completed", key: key("completed") });
        break;
      case "returned":
        if (e.to === "drafter") notices.push({ oid: drafter, kind: "returned", key: key("returned") });
        break;
      case "rejected":
        notices.push({ oid: drafter, kind: "rejected", key: key("rejected") });
        break;
      case "expired":
        notices.push({ oid: drafter, kind: "expired", key: key("expired") });
        break;
      case "delegated":
        for (const p of e.absent) notices.push({ oid: p.oid, kind: "reviewAfter", key: key("reviewAfter") });
        break;
      case "reminded":
        for (const p of e.people) notices.push({ oid: p.oid, kind: "reminder", key: key(`reminder${e.count}`) });
        break;
      default:
        break;
    }
  }
  const changesCards = events.some((e) => e.type !== "viewed" && e.type !== "reviewed");
  if (!changesCards && notify.size === 0 && notices.length === 0) return null;
  return {
    approvalId: approval.id,
    notify: [...notify],
    notices,
    // A click on a card already updated that card (the invoke's answer): one Bot Connector call less
    // in the clicker's chat (per-chat limits: 7/1 s, 60/30 s).
    ...(via === "card" && !notify.has(actor.oid) ? { skipUpdateOf: actor.oid } : {}),
  };
}

export function createCardsPublisher(deps: {
  storage: Pick<Storage, "outbox">;
  handlers: () => EffectHandlers;
  logger: Logger;
}): (committed: Committed) => Promise<void> {
  return async (committed) => {
    const payload = cardsPayloadOf(committed);
    if (!payload) return;
    const { approval } = committed.transition;
    const { id } = await deps.storage.outbox.enqueue({
      kind: APPROVALS_CARDS_EFFECT,
      schoolId: approval.schoolId,
      payload,
      dedupeKey: `${approval.id}:${approval.round}:${approval.stepSeq}:${approval.history.length}:${approval.updatedAt}`,
    });
    deps.storage.outbox
      .deliverNow(id, approval.schoolId, deps.handlers())
      .catch((e) => deps.logger.warn("approvals.cards.inline.failed", { error: String(e), approvalId: approval.id }));
    if (committed.transition.events.some((e) => e.type === "completed")) {
      // 決裁: number, seal, file (finalize/finalize-effect.ts).
      const finalize = await deps.storage.outbox.enqueue({
        kind: APPROVALS_FINALIZE_EFFECT,
        schoolId: approval.schoolId,
        payload: { approvalId: approval.id },
        dedupeKey: `${approval.id}:finalize:${approval.round}`,
      });
      deps.storage.outbox
        .deliverNow(finalize.id, approval.schoolId, deps.handlers())
        .catch((e) =>
          deps.logger.warn("approvals.finalize.inline.failed", { error: String(e), approvalId: approval.id }),
        );
    }
  };
}
