// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating placeholders, not JS templates
/**
 * The welcome card, sent once when Kōmu is installed for a user, and its acknowledged state.
 *
 * Universal Actions the bot relies on (functions/src/bot/welcome.ts):
 *  - `welcome.ack` (manual, the card's action) records the acknowledgement;
 *  - `welcome.view` (automatic, `refresh.action`) answers with the viewer's current state.
 * `refresh.userIds` lists the Teams user ids (29:…) whose client asks for that refresh (max 60).
 */
import { z } from "zod";
import type { CardDefinition, CardTemplate } from "./types.js";

/** Data of {@link welcomeCardTemplate}. */
export const welcomeCardData = z.object({
  appName: z.string().min(1),
  /** The Teams id (29:…) of the user the card is for: refresh.userIds. */
  userId: z.string().min(1),
  /** Display name; may be empty when Teams did not send one. */
  userName: z.string(),
});
export type WelcomeCardData = z.input<typeof welcomeCardData>;

export const welcomeCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  refresh: {
    action: { type: "Action.Execute", title: "更新", verb: "welcome.view", data: { card: "welcome" } },
    userIds: ["${userId}"],
  },
  body: [
    { type: "TextBlock", text: "${appName} へようこそ", weight: "Bolder", size: "Large", wrap: true },
    {
      type: "TextBlock",
      text: "${userName} さん、${appName}（校務）をご利用いただけます。承認・会議・アンケート・文書・通知・採点をここから行えます。",
      wrap: true,
    },
    {
      type: "TextBlock",
      text: "Welcome to ${appName}. Approvals, meetings, surveys, records, notices and grading in Teams.",
      wrap: true,
      isSubtle: true,
      size: "Small",
    },
  ],
  actions: [{ type: "Action.Execute", title: "確認しました", verb: "welcome.ack", data: { card: "welcome" } }],
} as const satisfies CardTemplate;

export const welcomeCardDefinition = {
  name: "welcome",
  template: welcomeCardTemplate,
  data: welcomeCardData,
} as const satisfies CardDefinition;

/** Data of {@link welcomeAcknowledgedCardTemplate}. */
export const welcomeAcknowledgedCardData = z.object({
  appName: z.string().min(1),
  ackedByName: z.string().min(1),
  /** Already formatted for display (Japanese date-time in Japan time). */
  ackedAtText: z.string().min(1),
  /** Who still gets an automatic refresh; Teams accepts at most 60. */
  userIds: z.array(z.string().min(1)).max(60),
  /** A late or repeated click: adds "already acknowledged". */
  repeated: z.boolean(),
});
export type WelcomeAcknowledgedCardData = z.input<typeof welcomeAcknowledgedCardData>;

/**
 * The welcome card after it was acknowledged. Shown to the user who acknowledged it (invoke
 * response, refresh) and to everyone else (message update). A later click shows the same facts.
 */
export const welcomeAcknowledgedCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  refresh: {
    action: { type: "Action.Execute", title: "更新", verb: "welcome.view", data: { card: "welcome" } },
    userIds: "${userIds}",
  },
  body: [
    { type: "TextBlock", text: "${appName} へようこそ", weight: "Bolder", size: "Large", wrap: true },
    { type: "TextBlock", text: "✅ ${ackedByName} さんが ${ackedAtText} に確認しました。", wrap: true, color: "Good" },
    {
      type: "TextBlock",
      $when: "${repeated}",
      text: "この案内はすでに確認済みです。 / Already acknowledged.",
      wrap: true,
      isSubtle: true,
      size: "Small",
    },
  ],
} as const satisfies CardTemplate;

export const welcomeAcknowledgedCardDefinition = {
  name: "welcome.acknowledged",
  template: welcomeAcknowledgedCardTemplate,
  data: welcomeAcknowledgedCardData,
} as const satisfies CardDefinition;
