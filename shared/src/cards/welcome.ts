// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating / manifest placeholders, not JS templates
/**
 * Adaptive Card 1.5 templates (adaptivecards-templating syntax, `${...}`) for Kōmu's bot welcome.
 * Pure data: the bot (functions/src/bot/cards.ts) expands them with a data object.
 *
 * welcome: sent once when Kōmu is installed for a user. `refresh.userIds` holds the user's Teams id,
 * so Teams asks the bot for that user's current view (acknowledged or not) whenever it is shown.
 * Data: { userId, userName, appName }.
 */
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
} as const;

/**
 * The welcome card after it was acknowledged. Shown to the user who acknowledged it (invoke
 * response, refresh) and to everyone else (message update). A later click shows the same facts.
 * Data: { appName, ackedByName, ackedAtText, userIds: string[], repeated: boolean }.
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
} as const;
