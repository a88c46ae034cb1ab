/**
 * The welcome card's Universal Actions:
 *  - `welcome.ack` (manual): records who acknowledged and when (optimistic, ETag'd), answers with
 *    the acknowledged card and updates the message for everyone (the decided user leaves
 *    refresh.userIds). A late or repeated click gets a card saying who already did it and when.
 *  - `welcome.view` (automatic refresh): the viewer's current state.
 * Both read and write only the user's stored 1:1 reference (never the conversation the click came
 * from), keyed by the verified `ctx.user.aadObjectId`.
 */
import { KomuError } from "@komu/shared";
import { welcomeAcknowledgedCard, welcomeCard } from "./cards.js";
import type { ActionContext, ActionHandler, ActionResult, ConversationReference, ConversationStore } from "./types.js";

export function createWelcomeActions(deps: { conversations: ConversationStore; appName: string }): {
  ack: ActionHandler;
  view: ActionHandler;
} {
  const acknowledged = (ref: ConversationReference, repeated: boolean) =>
    welcomeAcknowledgedCard({
      appName: deps.appName,
      // An empty display name (Teams may send one) falls back to the id: the card must name someone.
      ackedByName: ref.userName || ref.aadObjectId,
      ackedAt: ref.welcomeAcknowledgedAt ?? new Date(0).toISOString(),
      userIds: [],
      repeated,
    });

  async function ack(ctx: ActionContext): Promise<ActionResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const ref = (await deps.conversations.get(ctx.user.aadObjectId)) ?? ctx.conversation;
      if (!ref) throw noPersonalChat();
      if (ref.welcomeAcknowledgedAt) return { card: acknowledged(ref, true) };
      try {
        const saved = await deps.conversations.put({
          ...ref,
          userName: ref.userName || ctx.user.name,
          welcomeAcknowledgedAt: ctx.now.toISOString(),
        });
        const card = acknowledged(saved, false);
        return { card, updateForEveryone: card };
      } catch (e) {
        if (e instanceof KomuError && e.code === "STALE_ETAG") continue;
        throw e;
      }
    }
    throw new KomuError("CONFLICT");
  }

  async function view(ctx: ActionContext): Promise<ActionResult> {
    const ref = (await deps.conversations.get(ctx.user.aadObjectId)) ?? ctx.conversation;
    if (ref?.welcomeAcknowledgedAt) return { card: acknowledged(ref, false) };
    return { card: welcomeCard({ appName: deps.appName, userId: ctx.user.teamsId, userName: ctx.user.name ?? "" }) };
  }

  return { ack, view };
}

/** The welcome card belongs to the user's 1:1 chat; without one there is nothing to acknowledge. */
function noPersonalChat(): KomuError {
  return new KomuError("NOT_FOUND", {
    message: {
      ja: "Kōmu との個人チャットが見つかりません。Teams で Kōmu を開いてからやり直してください。",
      en: "There is no personal chat with Kōmu. Open Kōmu in Teams and try again.",
    },
  });
}
