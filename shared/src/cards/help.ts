// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating placeholders, not JS templates
/**
 * The bot's answer to any chat message: what Kōmu does, one fact per feature (`$data` over `tabs`).
 */
import { z } from "zod";
import type { CardDefinition, CardTemplate } from "./types.js";

const feature = z.object({ title: z.string().min(1), description: z.string().min(1) });

/** Data of {@link helpCardTemplate}. */
export const helpCardData = z.object({
  appName: z.string().min(1),
  tabs: z.array(feature).min(1),
});
export type HelpCardData = z.input<typeof helpCardData>;

export const helpCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "${appName} でできること", weight: "Bolder", size: "Medium", wrap: true },
    {
      type: "FactSet",
      facts: [{ $data: "${tabs}", title: "${title}", value: "${description}" }],
    },
    {
      type: "TextBlock",
      text: "左のタブから各機能を開いてください。 / Open each feature from the tabs.",
      wrap: true,
      isSubtle: true,
      size: "Small",
    },
  ],
} as const satisfies CardTemplate;

export const helpCardDefinition = {
  name: "help",
  template: helpCardTemplate,
  data: helpCardData,
} as const satisfies CardDefinition;

export const KOMU_FEATURES: readonly { title: string; description: string }[] = [
  { title: "承認", description: "起案・回覧・決裁 (approvals)" },
  { title: "会議", description: "職員会議の予定と議事録 (meetings)" },
  { title: "アンケート", description: "調査・アンケートの集計 (surveys)" },
  { title: "文書", description: "公文書の保存と分類 (records)" },
  { title: "通知", description: "お知らせの配信と既読 (notices)" },
  { title: "採点", description: "テストの採点と集計 (grading)" },
];
