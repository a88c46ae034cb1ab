// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating placeholders, not JS templates
/**
 * The survey card (アンケートカード), rendered per recipient by the bot:
 *  - `answer`: a short survey answered in the card itself — one input per question (choices,
 *    text with maxLength, number with min/max, date; ratings and yes/no as choices), required ones
 *    marked, prefilled with the saved answers; 回答する (`survey.submit`) and 一時保存 (`survey.save`).
 *  - `answered`: 「回答済み」 with the submission time and 回答を変更 (`survey.edit`) until the deadline.
 *  - `closed`: 「締切済み」.
 *  - `link`: a longer survey: a button opening it in the tab.
 *  - `forms`: a survey answered in Microsoft Forms: says so, with a button to the form when its
 *    link is known; no inputs, no Kōmu answer actions (the bot refuses them for such a survey).
 * `problems` lists why an answer was refused (the inputs keep what was typed). `refresh.userIds`
 * (the recipient's Teams id) keeps the card current for them (verb `survey.view`). Action data
 * names the survey only; the bot takes the user from the verified activity, never from the card.
 */
import { z } from "zod";
import type { CardDefinition, CardTemplate } from "./types.js";

const color = z.enum(["Default", "Good", "Attention", "Warning", "Accent"]);

/** One input, prepared by the bot (every property present: null when it does not apply). */
export const surveyCardQuestion = z.object({
  id: z.string().min(1),
  /** The question's title, with 「（必須）」 when required. */
  label: z.string().min(1),
  description: z.string().default(""),
  input: z.enum(["choice", "text", "number", "date"]),
  isRequired: z.boolean(),
  errorMessage: z.string(),
  choices: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).max(30),
  isMultiSelect: z.boolean(),
  style: z.enum(["compact", "expanded"]),
  maxLength: z.number().int().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Date bounds (YYYY-MM-DD) or null. */
  minDate: z.string().nullable(),
  maxDate: z.string().nullable(),
  placeholder: z.string().default(""),
  /** Prefill: choice values comma-joined, text, date (string; "" when none). */
  value: z.string(),
  /** Prefill of a number input (null when none). */
  numberValue: z.number().nullable(),
});
export type SurveyCardQuestion = z.input<typeof surveyCardQuestion>;

export const surveyCardData = z.object({
  surveyId: z.string().min(1),
  schoolId: z.string().min(1),
  title: z.string().min(1),
  description: z.string().default(""),
  ownerName: z.string(),
  /** Already formatted in JST (2026年12月1日 17:00). */
  deadlineText: z.string().min(1),
  state: z.enum(["answer", "answered", "closed", "link", "forms"]),
  /** A reminder (リマインド) of a survey not answered yet. */
  reminder: z.boolean().default(false),
  anonymous: z.boolean().default(false),
  /** "2026年11月25日 9:05" when answered, else "". */
  submittedText: z.string().default(""),
  /** Answers saved but not submitted (一時保存). */
  partial: z.boolean().default(false),
  questions: z.array(surveyCardQuestion).max(10),
  /** Why the last answer was refused (ja), shown above the inputs. */
  problems: z.array(z.string()).max(40).default([]),
  notice: z.string().default(""),
  noticeColor: color.default("Default"),
  userIds: z.array(z.string().min(1)).max(60),
  /** https link opening the survey in the tab; empty: none. */
  openUrl: z.string().default(""),
  /** state `forms`: the form's https link (Microsoft Forms); empty: not known. */
  formUrl: z.string().default(""),
});
export type SurveyCardData = z.input<typeof surveyCardData>;

const ref = { surveyId: "${surveyId}", schoolId: "${schoolId}" };
const input = (type: string, when: string, extra: Record<string, string | boolean>) => ({
  $when: when,
  type,
  id: "${id}",
  label: "${label}",
  isRequired: "${isRequired}",
  errorMessage: "${errorMessage}",
  ...extra,
});

export const surveyCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  refresh: {
    action: { type: "Action.Execute", title: "更新", verb: "survey.view", data: ref },
    userIds: "${userIds}",
  },
  body: [
    {
      type: "TextBlock",
      $when: "${reminder}",
      text: "リマインド：回答期限が近づいています。まだ回答が届いていません。",
      color: "Warning",
      weight: "Bolder",
      wrap: true,
    },
    { type: "TextBlock", text: "アンケート / Survey", size: "Small", isSubtle: true, wrap: true },
    { type: "TextBlock", text: "${title}", weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", $when: "${description != ''}", text: "${description}", wrap: true, maxLines: 8 },
    {
      type: "FactSet",
      facts: [
        { title: "回答期限", value: "${deadlineText}" },
        { title: "依頼者", value: "${ownerName}" },
      ],
    },
    {
      type: "TextBlock",
      $when: "${anonymous}",
      text: "無記名のアンケートです（集計結果に氏名は表示されません）。",
      isSubtle: true,
      size: "Small",
      wrap: true,
    },
    {
      type: "TextBlock",
      $when: "${state == 'answered'}",
      text: "回答済み（${submittedText}）",
      color: "Good",
      weight: "Bolder",
      wrap: true,
    },
    {
      type: "TextBlock",
      $when: "${state == 'closed'}",
      text: "締切済み：このアンケートの回答は締め切られました。",
      color: "Attention",
      weight: "Bolder",
      wrap: true,
    },
    {
      type: "TextBlock",
      $when: "${state == 'forms'}",
      text: "このアンケートは Microsoft Forms で回答してください。",
      weight: "Bolder",
      wrap: true,
    },
    {
      type: "TextBlock",
      $when: "${state == 'forms' && submittedText != ''}",
      text: "Forms での回答を確認しました（${submittedText}）",
      color: "Good",
      wrap: true,
    },
    {
      type: "TextBlock",
      $when: "${state == 'answer' && partial}",
      text: "一時保存した回答があります。内容を確認して「回答する」を押してください。",
      color: "Accent",
      wrap: true,
    },
    {
      type: "Container",
      $when: "${count(problems) > 0}",
      style: "attention",
      items: [
        { type: "TextBlock", text: "回答を受け付けられませんでした：", weight: "Bolder", wrap: true },
        { $data: "${problems}", type: "TextBlock", text: "・${$data}", wrap: true },
      ],
    },
    {
      type: "Container",
      $when: "${state == 'answer'}",
      separator: true,
      items: [
        {
          $data: "${questions}",
          type: "Container",
          spacing: "Medium",
          items: [
            { type: "TextBlock", $when: "${description != ''}", text: "${description}", isSubtle: true, wrap: true },
            input("Input.ChoiceSet", "${input == 'choice'}", {
              choices: "${choices}",
              isMultiSelect: "${isMultiSelect}",
              style: "${style}",
              value: "${value}",
              placeholder: "${placeholder}",
            }),
            input("Input.Text", "${input == 'text'}", {
              maxLength: "${maxLength}",
              value: "${value}",
              placeholder: "${placeholder}",
            }),
            input("Input.Number", "${input == 'number'}", {
              min: "${min}",
              max: "${max}",
              value: "${numberValue}",
              placeholder: "${placeholder}",
            }),
            input("Input.Date", "${input == 'date'}", { min: "${minDate}", max: "${maxDate}", value: "${value}" }),
          ],
        },
      ],
    },
    { type: "TextBlock", $when: "${notice != ''}", text: "${notice}", color: "${noticeColor}", wrap: true },
  ],
  actions: [
    {
      $when: "${state == 'answer'}",
      type: "Action.Execute",
      title: "回答する",
      verb: "survey.submit",
      style: "positive",
      associatedInputs: "auto",
      data: ref,
    },
    {
      $when: "${state == 'answer'}",
      type: "Action.Execute",
      title: "一時保存",
      verb: "survey.save",
      associatedInputs: "auto",
      data: ref,
    },
    {
      $when: "${state == 'answered'}",
      type: "Action.Execute",
      title: "回答を変更",
      verb: "survey.edit",
      associatedInputs: "none",
      data: ref,
    },
    { $when: "${state == 'link' && openUrl != ''}", type: "Action.OpenUrl", title: "回答する", url: "${openUrl}" },
    {
      $when: "${state == 'forms' && formUrl != ''}",
      type: "Action.OpenUrl",
      title: "Microsoft Forms で回答する",
      url: "${formUrl}",
    },
    {
      $when: "${state != 'link' && state != 'forms' && openUrl != ''}",
      type: "Action.OpenUrl",
      title: "タブで開く",
      url: "${openUrl}",
    },
  ],
} as const satisfies CardTemplate;

export const surveyCardDefinition = {
  name: "survey",
  template: surveyCardTemplate,
  data: surveyCardData,
} as const satisfies CardDefinition;
