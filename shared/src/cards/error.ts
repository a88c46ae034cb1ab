// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating placeholders, not JS templates
/**
 * A card telling the user an action could not be done (shown in place of the card that was
 * clicked): a Japanese title and message, and an optional detail line (the English text).
 */
import { z } from "zod";
import type { CardDefinition, CardTemplate } from "./types.js";

/** Data of {@link errorCardTemplate}. */
export const errorCardData = z.object({
  title: z.string().min(1),
  message: z.string().min(1),
  /** Empty: no detail line. */
  detail: z.string().default(""),
});
export type ErrorCardData = z.input<typeof errorCardData>;

export const errorCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "${title}", weight: "Bolder", color: "Attention", wrap: true },
    { type: "TextBlock", text: "${message}", wrap: true },
    { type: "TextBlock", $when: "${detail != ''}", text: "${detail}", wrap: true, isSubtle: true, size: "Small" },
  ],
} as const satisfies CardTemplate;

export const errorCardDefinition = {
  name: "error",
  template: errorCardTemplate,
  data: errorCardData,
} as const satisfies CardDefinition;
