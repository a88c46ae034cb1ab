/**
 * Helpers for approval cards in the local Teams tenant: the bot's messages in a user's personal
 * chat, waiting for a card, and clicking one of its Action.Execute buttons (an
 * adaptiveCard/action invoke, as the Teams client sends it).
 */
import type { RunningPlatform } from "@komu/local/platform";
import { ensurePersonalConversation, listActivities, type StoredActivity } from "@komu/local/tenant/bot/conversations";
import { invokeCardAction } from "@komu/local/tenant/bot/deliver";

// biome-ignore lint/suspicious/noExplicitAny: card JSON is inspected loosely in tests
export type CardJson = any;

export interface CardMessage {
  id: string;
  card: CardJson;
  activity: StoredActivity;
}

/** The bot's card messages in the user's 1:1 chat, oldest first. */
export function cardMessages(platform: RunningPlatform, oid: string): CardMessage[] {
  const conv = ensurePersonalConversation(platform.tenant.ctx, oid);
  return listActivities(platform.tenant.ctx, conv.id)
    .filter((a) => a.from.id.startsWith("28:") && !a.deleted)
    .flatMap((a) => {
      const card = a.attachments?.find((x) => x.contentType === "application/vnd.microsoft.card.adaptive")?.content;
      return card ? [{ id: a.id, card, activity: a }] : [];
    });
}

/** Every Action.Execute of a card (including those inside Action.ShowCard). */
export function executeActions(card: CardJson): CardJson[] {
  return (card?.actions ?? []).flatMap((a: CardJson) =>
    a.type === "Action.Execute" ? [a] : a.type === "Action.ShowCard" ? executeActions(a.card) : [],
  );
}

export const cardText = (card: CardJson): string => JSON.stringify(card);

/** Waits (polling) until the user has a card message that satisfies `match`. */
export async function waitForCard(
  platform: RunningPlatform,
  oid: string,
  match: (m: CardMessage) => boolean,
  timeoutMs = 15_000,
): Promise<CardMessage> {
  const start = Date.now();
  for (;;) {
    const found = cardMessages(platform, oid).find(match);
    if (found) return found;
    if (Date.now() - start > timeoutMs) throw new Error(`no matching card for ${oid} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Clicks the card's button with `verb` (inputs merged into its data, as Teams does). */
export async function click(
  platform: RunningPlatform,
  oid: string,
  message: { id: string; card: CardJson },
  verb: string,
  inputs: Record<string, string> = {},
  trigger: "manual" | "automatic" = "manual",
): Promise<{ status: number; card: CardJson }> {
  const action =
    verb === message.card?.refresh?.action?.verb
      ? message.card.refresh.action
      : executeActions(message.card).find((a) => a.verb === verb);
  if (!action) throw new Error(`the card has no ${verb} action`);
  const reply = await invokeCardAction(platform.tenant.ctx, oid, {
    activityId: message.id,
    action: { verb, data: { ...action.data, ...inputs } },
    trigger,
  });
  return { status: reply.status, card: (reply.body as CardJson)?.value };
}

/** An invoke with arbitrary data on any of the user's messages (a forged or stale click). */
export async function invokeOn(
  platform: RunningPlatform,
  oid: string,
  activityId: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; card: CardJson }> {
  const reply = await invokeCardAction(platform.tenant.ctx, oid, {
    activityId,
    action: { verb, data },
    trigger: "manual",
  });
  return { status: reply.status, card: (reply.body as CardJson)?.value };
}
