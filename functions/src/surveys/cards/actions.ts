/**
 * The survey card's Universal Actions (Action.Execute → adaptiveCard/action invoke):
 *   survey.view (automatic refresh) · survey.submit (回答する) · survey.save (一時保存) ·
 *   survey.edit (回答を変更: the inputs again, prefilled).
 * The clicker is the verified activity's user (tenant + aadObjectId, resolved to a Principal like
 * an API caller); the card data only names the school and survey and is validated with zod. The
 * clicker must be a member of the school who is among the survey's recipients (`u-<oid>`):
 * anyone else (a forwarded card) gets a refusal that reveals nothing. Answers go through
 * saveResponse (via "card"): refused answers come back on the card with the problems and what was
 * typed; when only required answers are missing, the rest is kept as a partial answer (一時保存).
 * The answered card replaces the message only in the recipient's own 1:1 chat.
 */
import { type AnswerProblem, type Answers, can, isKomuError, type Principal } from "@komu/shared";
import { z } from "zod";
import type { AdaptiveCard } from "../../bot/activity.js";
import { errorCard } from "../../bot/cards.js";
import type { ActionContext, ActionResult, BotHandler } from "../../bot/index.js";
import type { PrincipalResolver } from "../../identity/principal.js";
import type { StoredEntity } from "../../storage/index.js";
import type { SurveysDeps } from "../deps.js";
import { recipientRowId, type SurveyRecipientRow, type SurveyRow, surveysRepos } from "../entities.js";
import { recipientKeyOfOid } from "../recipients.js";
import { saveResponse } from "../respond/save-response.js";
import { answersFromInputs } from "./card-view.js";
import { surveyCardFor } from "./render-for.js";

const Ref = z.object({
  surveyId: z.string().regex(/^[a-z0-9]{8,32}$/),
  schoolId: z.string().min(1).max(40),
});

export const refusalCard = () =>
  errorCard({
    title: "操作できませんでした",
    message: "あなたはこのアンケートの回答対象ではないか、表示する権限がありません。",
    detail: "You are not among this survey's respondents, or may not see it.",
  });

interface Target {
  principal: Principal;
  survey: StoredEntity<SurveyRow>;
  recipient: StoredEntity<SurveyRecipientRow>;
}

export function registerSurveyActions(
  bot: Pick<BotHandler, "onAction">,
  deps: SurveysDeps,
  principals: Pick<PrincipalResolver, "resolveObjectId">,
): void {
  /** The clicker, the survey and their recipient row; null: refuse. */
  const targetOf = async (ctx: ActionContext): Promise<Target | null> => {
    const ref = Ref.safeParse(ctx.data);
    if (!ref.success) return null;
    let principal: Principal;
    try {
      principal = (
        await principals.resolveObjectId({ tenantId: ctx.tenantId, oid: ctx.user.aadObjectId, name: ctx.user.name })
      ).principal;
    } catch {
      return null;
    }
    const { schoolId, surveyId } = ref.data;
    if (!can(principal, "survey.answer", { schoolId })) {
      deps.logger.info("surveys.card.refused", { oid: principal.oid, schoolId, surveyId, reason: "not a member" });
      return null;
    }
    const repos = surveysRepos(deps.storage);
    const survey = await repos.surveys.get(schoolId, surveyId);
    if (!survey) return null;
    const recipient = await repos.recipients.get(schoolId, recipientRowId(surveyId, recipientKeyOfOid(principal.oid)));
    if (!recipient) return null;
    return { principal, survey, recipient };
  };

  const answer = (ctx: ActionContext, card: AdaptiveCard): ActionResult =>
    ctx.trigger === "manual" && ctx.source.conversationType === "personal"
      ? { card, updateForEveryone: card }
      : { card };

  const cardOf = (t: Target, recipient: SurveyRecipientRow, opts: Parameters<typeof surveyCardFor>[3] = {}) =>
    surveyCardFor(deps, t.survey, recipient, opts);

  bot.onAction("survey.view", async (ctx) => {
    const t = await targetOf(ctx);
    if (!t) return { card: refusalCard() };
    return { card: await cardOf(t, t.recipient.data) };
  });

  bot.onAction("survey.edit", async (ctx) => {
    const t = await targetOf(ctx);
    if (!t) return { card: refusalCard() };
    return { card: await cardOf(t, t.recipient.data, { editing: true }) };
  });

  for (const verb of ["survey.submit", "survey.save"] as const) {
    bot.onAction(verb, async (ctx) => {
      const t = await targetOf(ctx);
      if (!t) return { card: refusalCard() };
      const submit = verb === "survey.submit";
      const typed: Answers = answersFromInputs(t.survey.data.questions, ctx.data);
      const save = (asSubmit: boolean) =>
        saveResponse(deps, {
          schoolId: t.survey.schoolId,
          surveyId: t.survey.id,
          recipientKey: t.recipient.data.key,
          answers: typed,
          submit: asSubmit,
          via: "card",
        });
      try {
        const saved = await save(submit);
        if (saved.status === "submitted")
          return answer(
            ctx,
            await cardOf(t, saved.recipient.data, {
              notice: t.recipient.data.submittedAt
                ? "回答を更新しました。"
                : "回答を受け付けました。ありがとうございました。",
              noticeColor: "Good",
            }),
          );
        return answer(
          ctx,
          await cardOf(t, saved.recipient.data, {
            answers: saved.response.answers,
            notice: "一時保存しました。期限までに「回答する」を押してください。",
            noticeColor: "Accent",
          }),
        );
      } catch (e) {
        if (!isKomuError(e)) throw e;
        if (e.code === "SURVEY_ANSWER_INVALID") {
          const problems = ((e.details as { problems?: AnswerProblem[] })?.problems ?? []).map((p) => p.ja);
          const onlyMissing = ((e.details as { problems?: AnswerProblem[] })?.problems ?? []).every(
            (p) => p.problem === "required",
          );
          let recipient = t.recipient.data;
          let notice = "";
          if (submit && onlyMissing && !recipient.submittedAt) {
            // Keep what was answered (一時保存); the required questions are still open.
            const partial = await save(false).catch(() => null);
            if (partial) {
              recipient = partial.recipient.data;
              notice = "入力した回答は一時保存しました。";
            }
          }
          return {
            card: await cardOf(t, recipient, {
              answers: typed,
              editing: true,
              problems,
              ...(notice ? { notice, noticeColor: "Accent" as const } : {}),
            }),
          };
        }
        if (e.code === "SURVEY_CLOSED" || e.code === "SURVEY_NOT_OPEN")
          return { card: await cardOf(t, t.recipient.data, { notice: e.text.ja, noticeColor: "Attention" }) };
        if (e.code === "SURVEY_NOT_RECIPIENT") return { card: refusalCard() };
        if (e.code === "STALE_ETAG" || e.code === "CONFLICT")
          return {
            card: await cardOf(t, t.recipient.data, {
              answers: typed,
              editing: true,
              notice: e.text.ja,
              noticeColor: "Attention",
            }),
          };
        throw e;
      }
    });
  }
}
