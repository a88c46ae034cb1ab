// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating placeholders, not JS templates
/**
 * The approval card (決裁カード), one template for every viewer: the bot renders it per user.
 *  - The approver whose turn it is gets 承認 / 差し戻し (where to, comment) / 却下 (comment).
 *  - A designated deputy (代決) of the active stage gets 代決.
 *  - An approver a deputy decided for gets 後閲しました (they acknowledge the 代決).
 *  - The drafter gets 引戻し while nobody has decided in this round.
 *  - Everyone else sees the route and its status.
 * `refresh.userIds` (≤ 60 Teams ids, 29:…) lists who gets a per-user view when they look at the
 * message (verb `approval.view`); after each decision the message is updated for everyone and the
 * decided user leaves the list (the up-to-date card pattern). `notice` says why this view was
 * given: a late or repeated click (who decided and when), or a refusal (not on the route, not
 * your turn). Action data names the approval and the step token only; the bot re-reads the
 * approval and takes the user from the verified activity, never from the card.
 */
import { z } from "zod";
import type { CardDefinition, CardTemplate } from "./types.js";

const routeRow = z.object({
  label: z.string().min(1),
  people: z.string(),
  state: z.string(),
  /** Adaptive Card text colour of the state: Good (承認), Attention (却下/差し戻し), Accent (now), Default. */
  color: z.enum(["Default", "Good", "Attention", "Warning", "Accent"]),
});

/** Data of {@link approvalCardTemplate}. */
export const approvalCardData = z.object({
  approvalId: z.string().min(1),
  schoolId: z.string().min(1),
  title: z.string().min(1),
  drafterName: z.string(),
  templateName: z.string(),
  /** Already formatted (e.g. 2026年12月1日), or empty. */
  dueDateText: z.string().default(""),
  summary: z.string().default(""),
  statusText: z.string().min(1),
  statusColor: z.enum(["Default", "Good", "Attention", "Warning", "Accent"]),
  route: z.array(routeRow).max(16),
  userIds: z.array(z.string().min(1)).max(60),
  canDecide: z.boolean(),
  canDelegate: z.boolean(),
  stepToken: z.string().default(""),
  /** The drafter may pull it back (引戻し: nobody has decided in this round yet). */
  canWithdraw: z.boolean().default(false),
  /** 後閲: the viewer owes a review of a deputy's decision on this stage (empty: none). */
  reviewStageId: z.string().default(""),
  returnChoices: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).max(16),
  /** Empty: no notice. */
  notice: z.string().default(""),
  noticeColor: z.enum(["Default", "Good", "Attention", "Warning", "Accent"]).default("Default"),
  /** An https link that opens the document (the tab's detail page); empty: no link. */
  openUrl: z.string().default(""),
});
export type ApprovalCardData = z.input<typeof approvalCardData>;

const actionData = { approvalId: "${approvalId}", schoolId: "${schoolId}", stepToken: "${stepToken}" };

export const approvalCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  refresh: {
    action: {
      type: "Action.Execute",
      title: "更新",
      verb: "approval.view",
      data: { approvalId: "${approvalId}", schoolId: "${schoolId}" },
    },
    userIds: "${userIds}",
  },
  body: [
    { type: "TextBlock", text: "決裁 / Approval", size: "Small", isSubtle: true, wrap: true },
    { type: "TextBlock", text: "${title}", weight: "Bolder", size: "Medium", wrap: true },
    {
      type: "FactSet",
      facts: [
        { title: "起案者", value: "${drafterName}" },
        { title: "様式", value: "${templateName}" },
        { $when: "${dueDateText != ''}", title: "期限", value: "${dueDateText}" },
      ],
    },
    { type: "TextBlock", text: "${statusText}", weight: "Bolder", color: "${statusColor}", wrap: true },
    { type: "TextBlock", $when: "${summary != ''}", text: "${summary}", wrap: true, maxLines: 6 },
    {
      type: "Container",
      separator: true,
      items: [
        {
          $data: "${route}",
          type: "ColumnSet",
          columns: [
            {
              type: "Column",
              width: "auto",
              items: [{ type: "TextBlock", text: "${label}", weight: "Bolder", wrap: true }],
            },
            { type: "Column", width: "stretch", items: [{ type: "TextBlock", text: "${people}", wrap: true }] },
            {
              type: "Column",
              width: "auto",
              items: [{ type: "TextBlock", text: "${state}", color: "${color}", wrap: true }],
            },
          ],
        },
      ],
    },
    { type: "TextBlock", $when: "${notice != ''}", text: "${notice}", color: "${noticeColor}", wrap: true },
  ],
  actions: [
    {
      $when: "${canDecide}",
      type: "Action.Execute",
      title: "承認",
      verb: "approval.approve",
      style: "positive",
      data: actionData,
    },
    {
      $when: "${canDecide}",
      type: "Action.ShowCard",
      title: "差し戻し",
      card: {
        type: "AdaptiveCard",
        body: [
          {
            type: "Input.ChoiceSet",
            id: "returnTo",
            label: "差し戻し先",
            value: "drafter",
            choices: [{ $data: "${returnChoices}", title: "${title}", value: "${value}" }],
          },
          {
            type: "Input.Text",
            id: "returnComment",
            label: "理由（必須）",
            isMultiline: true,
            isRequired: true,
            maxLength: 1000,
            errorMessage: "理由を入力してください",
          },
        ],
        actions: [{ type: "Action.Execute", title: "差し戻す", verb: "approval.return", data: actionData }],
      },
    },
    {
      $when: "${canDecide}",
      type: "Action.ShowCard",
      title: "却下",
      card: {
        type: "AdaptiveCard",
        body: [
          {
            type: "Input.Text",
            id: "rejectComment",
            label: "理由（必須）",
            isMultiline: true,
            isRequired: true,
            maxLength: 1000,
            errorMessage: "理由を入力してください",
          },
        ],
        actions: [
          {
            type: "Action.Execute",
            title: "却下する",
            verb: "approval.reject",
            style: "destructive",
            data: actionData,
          },
        ],
      },
    },
    { $when: "${canDelegate}", type: "Action.Execute", title: "代決", verb: "approval.delegate", data: actionData },
    {
      $when: "${canWithdraw}",
      type: "Action.Execute",
      title: "引戻し",
      verb: "approval.withdraw",
      data: { approvalId: "${approvalId}", schoolId: "${schoolId}" },
    },
    {
      $when: "${reviewStageId != ''}",
      type: "Action.Execute",
      title: "後閲しました",
      verb: "approval.review",
      data: { approvalId: "${approvalId}", schoolId: "${schoolId}", stageId: "${reviewStageId}" },
    },
    { $when: "${openUrl != ''}", type: "Action.OpenUrl", title: "文書を開く", url: "${openUrl}" },
  ],
} as const satisfies CardTemplate;

export const approvalCardDefinition = {
  name: "approval",
  template: approvalCardTemplate,
  data: approvalCardData,
} as const satisfies CardDefinition;

/** Data of {@link approvalNoticeCardTemplate}: a one-off notice (決裁済, 差し戻し, 後閲のお願い, reminder). */
export const approvalNoticeCardData = z.object({
  heading: z.string().min(1),
  title: z.string().min(1),
  message: z.string().min(1),
  color: z.enum(["Default", "Good", "Attention", "Warning", "Accent"]).default("Default"),
  openUrl: z.string().default(""),
});
export type ApprovalNoticeCardData = z.input<typeof approvalNoticeCardData>;

export const approvalNoticeCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "${heading}", weight: "Bolder", color: "${color}", wrap: true },
    { type: "TextBlock", text: "${title}", weight: "Bolder", wrap: true },
    { type: "TextBlock", text: "${message}", wrap: true },
  ],
  actions: [{ $when: "${openUrl != ''}", type: "Action.OpenUrl", title: "文書を開く", url: "${openUrl}" }],
} as const satisfies CardTemplate;

export const approvalNoticeCardDefinition = {
  name: "approval.notice",
  template: approvalNoticeCardTemplate,
  data: approvalNoticeCardData,
} as const satisfies CardDefinition;
