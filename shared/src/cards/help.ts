// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating / manifest placeholders, not JS templates
/**
 * The bot's answer to any chat message: what Kōmu does, with links to its tabs.
 * Data: { appName, userName, tabs: { title: string; description: string }[] }.
 */
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
} as const;

export const KOMU_FEATURES: readonly { title: string; description: string }[] = [
  { title: "承認", description: "起案・回覧・決裁 (approvals)" },
  { title: "会議", description: "職員会議の予定と議事録 (meetings)" },
  { title: "アンケート", description: "調査・アンケートの集計 (surveys)" },
  { title: "文書", description: "公文書の保存と分類 (records)" },
  { title: "通知", description: "お知らせの配信と既読 (notices)" },
  { title: "採点", description: "テストの採点と集計 (grading)" },
];
