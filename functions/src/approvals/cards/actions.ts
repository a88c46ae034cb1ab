/**
 * The approval card's Universal Actions (Action.Execute → adaptiveCard/action invoke):
 *   approval.view (automatic refresh) · approval.approve · approval.return · approval.reject ·
 *   approval.delegate · approval.review (後閲) · approval.withdraw (引戻し, the drafter).
 * The user is the verified activity's (tenant + aadObjectId, resolved to a Principal through
 * Graph groups like an API caller); the card's data only names the approval and the step token
 * and is validated with zod. Decisions go through the same use case as the API (exactly once,
 * audited). Answers: the clicker's own view of the approval, with a notice for a late or repeated
 * click (who decided and when) or an out-of-turn one; someone who may not see the approval gets a
 * refusal card that reveals nothing (and the refusal is audited by the use case).
 */
import { type ApprovalAction, isKomuError, type KomuError, type Principal } from "@komu/shared";
import { approvalCardDefinition } from "@komu/shared/cards/index";
import { z } from "zod";
import { renderCard } from "../../bot/cards/render.js";
import { errorCard } from "../../bot/cards.js";
import type { ActionContext, ActionResult, BotHandler } from "../../bot/index.js";
import type { PrincipalResolver } from "../../identity/principal.js";
import { canSee } from "../access.js";
import { actOnApproval } from "../decide/act-on-approval.js";
import type { ApprovalsDeps } from "../deps.js";
import { approvalsRepos } from "../entities.js";
import { approvalOf } from "../view.js";
import { alreadyDecidedNotice, approvalCardData, decisionsText } from "./card-view.js";

const Ref = z.object({ approvalId: z.string().min(1).max(64), schoolId: z.string().min(1).max(40) });
const DecisionData = Ref.extend({
  stepToken: z.string().min(1).max(40),
  /** Input.Text values: the 差し戻し and 却下 sub-cards each have their own input id. */
  returnComment: z.string().max(1000).optional(),
  rejectComment: z.string().max(1000).optional(),
  returnTo: z.string().max(32).optional(),
});

const VERBS = {
  "approval.approve": "approve",
  "approval.return": "return",
  "approval.reject": "reject",
  "approval.delegate": "delegate",
} as const;

const refusal = () =>
  errorCard({
    title: "操作できませんでした",
    message: "あなたはこの文書の決裁ルートに含まれていないか、表示する権限がありません。",
    detail: "You are not on this document's route, or may not see it.",
  });

export function registerApprovalActions(
  bot: Pick<BotHandler, "onAction">,
  deps: ApprovalsDeps,
  principals: Pick<PrincipalResolver, "resolveObjectId">,
): void {
  const principalOf = async (ctx: ActionContext): Promise<Principal> =>
    (await principals.resolveObjectId({ tenantId: ctx.tenantId, oid: ctx.user.aadObjectId, name: ctx.user.name }))
      .principal;

  const viewFor = async (
    ctx: ActionContext,
    principal: Principal,
    ref: z.infer<typeof Ref>,
    notice?: { text: string; color: "Warning" | "Attention" | "Good" },
  ): Promise<ActionResult> => {
    const row = await approvalsRepos(deps.storage).approvals.get(ref.schoolId, ref.approvalId);
    const approval = row ? approvalOf(row) : null;
    if (!approval || !canSee(principal, approval)) return { card: refusal() };
    const card = renderCard(
      approvalCardDefinition,
      approvalCardData(
        approval,
        { oid: principal.oid, teamsId: ctx.user.teamsId },
        {
          ...(notice ? { notice: notice.text, noticeColor: notice.color } : {}),
          openUrl: deps.openUrl?.(approval.schoolId, approval.id) ?? "",
        },
      ),
    );
    return { card, updateForEveryone: card };
  };

  bot.onAction("approval.view", async (ctx) => {
    const ref = Ref.safeParse(ctx.data);
    if (!ref.success) return { card: refusal() };
    let principal: Principal;
    try {
      principal = await principalOf(ctx);
    } catch {
      return { card: refusal() };
    }
    await actOnApproval(deps, { ...ref.data, principal, action: { type: "view" }, via: "card" }).catch(() => undefined);
    const { card } = await viewFor(ctx, principal, ref.data);
    return { card };
  });

  bot.onAction("approval.withdraw", async (ctx) => {
    const parsed = Ref.safeParse(ctx.data);
    if (!parsed.success) return { card: refusal() };
    let principal: Principal;
    try {
      principal = await principalOf(ctx);
    } catch {
      return { card: refusal() };
    }
    try {
      await actOnApproval(deps, { ...parsed.data, principal, action: { type: "withdraw" }, via: "card" });
    } catch (e) {
      if (!isKomuError(e)) throw e;
      if (e.code === "FORBIDDEN" || e.code === "NOT_FOUND") return { card: refusal() };
      return { card: (await viewFor(ctx, principal, parsed.data, { text: e.text.ja, color: "Attention" })).card };
    }
    return viewFor(ctx, principal, parsed.data, { text: "引き戻しました。修正して再起案できます。", color: "Good" });
  });

  bot.onAction("approval.review", async (ctx) => {
    const parsed = Ref.extend({ stageId: z.string().min(1).max(32) }).safeParse(ctx.data);
    if (!parsed.success) return { card: refusal() };
    let principal: Principal;
    try {
      principal = await principalOf(ctx);
    } catch {
      return { card: refusal() };
    }
    try {
      await actOnApproval(deps, {
        ...parsed.data,
        principal,
        action: { type: "review", stageId: parsed.data.stageId },
        via: "card",
      });
    } catch (e) {
      if (!isKomuError(e)) throw e;
      return { card: refusal() };
    }
    return viewFor(ctx, principal, parsed.data, { text: "後閲を記録しました。", color: "Good" });
  });

  for (const [verb, type] of Object.entries(VERBS)) {
    bot.onAction(verb, async (ctx) => {
      const parsed = DecisionData.safeParse(ctx.data);
      if (!parsed.success) return { card: refusal() };
      const data = parsed.data;
      let principal: Principal;
      try {
        principal = await principalOf(ctx);
      } catch {
        return { card: refusal() };
      }
      const comment =
        (type === "return" ? data.returnComment : type === "reject" ? data.rejectComment : undefined) ?? "";
      const action: ApprovalAction =
        type === "return"
          ? { type, stepToken: data.stepToken, comment, to: data.returnTo || "drafter" }
          : { type, stepToken: data.stepToken, ...(comment ? { comment } : {}) };
      try {
        await actOnApproval(deps, { ...data, principal, action, via: "card" });
        return await viewFor(ctx, principal, data);
      } catch (e) {
        if (!isKomuError(e)) throw e;
        const notice = noticeOf(e);
        if (!notice) return { card: refusal() };
        const result = await viewFor(ctx, principal, data, notice);
        return { card: result.card };
      }
    });
  }
}

function noticeOf(e: KomuError): { text: string; color: "Warning" | "Attention" } | undefined {
  switch (e.code) {
    case "APPROVAL_ALREADY_DECIDED":
      return { text: alreadyDecidedNotice(e.details), color: "Warning" };
    case "APPROVAL_OUT_OF_TURN":
      return { text: "まだあなたの順番ではありません。前の段階の決定をお待ちください。", color: "Attention" };
    case "APPROVAL_NOT_PENDING":
      return { text: `${e.text.ja.replace(/。$/, "")}${decisionsText(e.details)}。`, color: "Warning" };
    case "APPROVAL_COMMENT_REQUIRED":
    case "APPROVAL_RETURN_TARGET_INVALID":
    case "STALE_ETAG":
    case "CONFLICT":
      return { text: e.text.ja, color: "Attention" };
    default:
      return undefined;
  }
}
