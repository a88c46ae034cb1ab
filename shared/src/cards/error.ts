// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating / manifest placeholders, not JS templates
/**
 * A card telling the user an action could not be done (shown in place of the card that was
 * clicked). Data: { title, message, detail }.
 */
export const errorCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "${title}", weight: "Bolder", color: "Attention", wrap: true },
    { type: "TextBlock", text: "${message}", wrap: true },
    { type: "TextBlock", $when: "${detail != ''}", text: "${detail}", wrap: true, isSubtle: true, size: "Small" },
  ],
} as const;
