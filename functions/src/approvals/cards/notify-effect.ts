/**
 * Outbox effect `approvals.cards` (one per committed transition; idempotent, re-reads the
 * approval so it always renders the current state):
 *   1. a fresh card to each person whose turn came (and to the drafter at each submission), in
 *      their 1:1 chat, approvers first; a retry of the same effect does not send twice (`sentBy`);
 *   2. one-off notices: 決裁済 / 差し戻し / 却下 / 期限切れ to the drafter, 後閲のお願い to the absent
 *      approver after a 代決, reminders;
 *   3. every other card of the approval is updated in place for its owner (buttons only for whose
 *      turn it is; status for everyone else), so a decision shows everywhere; a card already
 *      showing the same content (`cardHash`: a retry after a throttled call) is not sent again.
 * A person who cannot be reached (never installed Kōmu and no proactive service URL) is logged and
 * skipped; a failing connector throws, and the outbox retries later (delays, never loses).
 */
import { createHash } from "node:crypto";
import { isKomuError } from "@komu/shared";
import { approvalCardDefinition, approvalNoticeCardDefinition } from "@komu/shared/cards/index";
import { z } from "zod";
import { renderCard } from "../../bot/cards/render.js";
import type { BotHandler } from "../../bot/index.js";
import type { EffectHandler } from "../../outbox/types.js";
import type { ApprovalsDeps } from "../deps.js";
import { approvalsRepos } from "../entities.js";
import { approvalOf } from "../view.js";
import { approvalCardData } from "./card-view.js";
import { messageId, messageRepos } from "./messages.js";

export const APPROVALS_CARDS_EFFECT = "approvals.cards";

export const NoticeKind = z.enum(["completed", "returned", "rejected", "expired", "reviewAfter", "reminder"]);
export type NoticeKind = z.infer<typeof NoticeKind>;

export const CardsEffectPayload = z.object({
  approvalId: z.string(),
  /** People whose turn came: they get a fresh card (a Teams notification). */
  notify: z.array(z.string()).max(200),
  notices: z.array(z.object({ oid: z.string(), kind: NoticeKind, key: z.string() })).max(200),
  /** The person whose card the bot already updated (they decided on it). */
  skipUpdateOf: z.string().optional(),
});
export type CardsEffectPayload = z.infer<typeof CardsEffectPayload>;

const NOTICE_TEXT: Record<NoticeKind, { heading: string; message: string; color: "Good" | "Attention" | "Warning" }> = {
  completed: { heading: "決裁されました", message: "起案した文書が決裁されました。", color: "Good" },
  returned: {
    heading: "差し戻されました",
    message: "起案した文書が差し戻されました。内容を修正して再起案してください。",
    color: "Attention",
  },
  rejected: { heading: "却下されました", message: "起案した文書が却下されました。", color: "Attention" },
  expired: { heading: "期限切れになりました", message: "決裁されないまま期限を過ぎました。", color: "Warning" },
  reviewAfter: {
    heading: "後閲のお願い",
    message: "不在の間に代決されました。内容を確認してください（後閲）。",
    color: "Warning",
  },
  reminder: { heading: "決裁のお願い（再通知）", message: "あなたの決裁を待っています。", color: "Warning" },
};

const unreachable = (e: unknown) => isKomuError(e) && e.code === "NOT_FOUND";
const hashOf = (card: unknown) => createHash("sha256").update(JSON.stringify(card)).digest("hex");

export function approvalsCardsHandler(
  deps: Pick<ApprovalsDeps, "storage" | "logger" | "teamsIdOf" | "openUrl">,
  bot: Pick<BotHandler, "sendCardToUser" | "updateCard">,
): EffectHandler {
  return async (raw, _attempt, info) => {
    const payload = CardsEffectPayload.parse(raw);
    const row = await approvalsRepos(deps.storage).approvals.get(info.schoolId, payload.approvalId);
    if (!row) return;
    const approval = approvalOf(row);
    const { messages, notices } = messageRepos(deps.storage);
    const openUrl = deps.openUrl?.(approval.schoolId, approval.id) ?? "";
    const cardFor = async (oid: string) =>
      renderCard(
        approvalCardDefinition,
        approvalCardData(approval, { oid, teamsId: await deps.teamsIdOf?.(oid) }, { openUrl }),
      );

    // Approvers first, the drafter's status card last: a busy (throttled) chat never delays the
    // next approver. Each item is tried; the first failure is thrown at the end so the outbox
    // retries (what was done is skipped then: `sentBy`, notice rows; updates are idempotent).
    const fresh = new Set(payload.notify);
    const order = [...fresh].sort((a, b) => Number(a === approval.drafter.oid) - Number(b === approval.drafter.oid));
    let failure: unknown;
    const attempt = async (work: () => Promise<void>) => {
      try {
        await work();
      } catch (e) {
        if (unreachable(e)) return;
        failure ??= e;
      }
    };

    for (const oid of order)
      await attempt(async () => {
        const id = messageId(approval.id, oid);
        const existing = await messages.get(info.schoolId, id);
        if (existing?.data.sentBy === info.id) return;
        let sent: Awaited<ReturnType<BotHandler["sendCardToUser"]>>;
        const card = await cardFor(oid);
        try {
          sent = await bot.sendCardToUser(oid, card, {
            summary: `決裁：${approval.title}`,
            notify: true,
          });
        } catch (e) {
          if (unreachable(e)) deps.logger.warn("approvals.card.unreachable", { approvalId: approval.id, oid });
          throw e;
        }
        const data = { approvalId: approval.id, oid, ...sent, sentBy: info.id, cardHash: hashOf(card) };
        if (existing) await messages.update(info.schoolId, id, data, existing.etag);
        else
          await messages.create(info.schoolId, id, data).catch((e) => {
            if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
          });
      });

    for (const notice of payload.notices)
      await attempt(async () => {
        const id = `${approval.id}-${notice.key}-${notice.oid}`;
        if (await notices.get(info.schoolId, id)) return;
        const text = NOTICE_TEXT[notice.kind];
        await bot.sendCardToUser(
          notice.oid,
          renderCard(approvalNoticeCardDefinition, {
            heading: text.heading,
            title: approval.title,
            message: text.message,
            color: text.color,
            openUrl,
          }),
          { summary: `${text.heading}：${approval.title}`, notify: true },
        );
        await notices
          .create(info.schoolId, id, {
            approvalId: approval.id,
            oid: notice.oid,
            kind: notice.kind,
            sentAt: new Date().toISOString(),
          })
          .catch((e) => {
            if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
          });
      });

    const all = await messages.list(info.schoolId, { where: { approvalId: approval.id }, limit: 1000 });
    for (const message of all.items) {
      if (fresh.has(message.data.oid) && message.data.sentBy === info.id) continue;
      if (message.data.oid === payload.skipUpdateOf) continue;
      await attempt(async () => {
        const card = await cardFor(message.data.oid);
        const cardHash = hashOf(card);
        if (message.data.cardHash === cardHash) return; // already shows this (a retry)
        try {
          await bot.updateCard(message.data, card);
        } catch (e) {
          if (unreachable(e)) await messages.delete(info.schoolId, message.id, message.etag).catch(() => undefined);
          throw e;
        }
        await messages
          .update(info.schoolId, message.id, { ...message.data, cardHash }, message.etag)
          .catch((e) => deps.logger.info("approvals.card.hashNotSaved", { error: String(e) }));
      });
    }
    if (failure) throw failure;
  };
}
