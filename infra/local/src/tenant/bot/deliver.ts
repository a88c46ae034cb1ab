/**
 * Connector → bot: POSTs an activity to the bot's messaging endpoint with a connector token
 * (connector-keys.ts), and the user-side operations the Teams client uses: open the chat (installs
 * the app once → conversationUpdate), send a message, fire an Adaptive Card action (invoke).
 */
import type { TenantContext } from "../context.js";
import { connectorServiceUrl, signConnectorToken } from "./connector-keys.js";
import {
  appendActivity,
  type BotConversation,
  botAccount,
  ensurePersonalConversation,
  envelope,
  escapeHtml,
  findActivity,
  type StoredActivity,
  saveConversation,
  userAccount,
} from "./conversations.js";

export interface BotReply {
  status: number;
  body: unknown;
}

/** Teams waits at most 15 s for the bot to answer. */
const BOT_TIMEOUT_MS = 15_000;

export async function deliverToBot(
  ctx: TenantContext,
  activity: StoredActivity | Record<string, unknown>,
): Promise<BotReply> {
  const serviceUrl = typeof activity.serviceUrl === "string" ? activity.serviceUrl : connectorServiceUrl(ctx);
  const token = await signConnectorToken(ctx, serviceUrl);
  let res: Response;
  try {
    res = await fetch(ctx.config.bot.messagingEndpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(BOT_TIMEOUT_MS),
    });
  } catch (e) {
    return {
      status: 502,
      body: {
        error: {
          code: "BotUnreachable",
          message: `The bot could not be reached: ${String((e as Error).message ?? e)}`,
        },
      },
    };
  }
  const text = await res.text();
  let body: unknown = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body };
}

/**
 * The user opened Kōmu: ensures the personal conversation and, the first time, tells the bot the
 * app was installed (conversationUpdate with the bot in membersAdded). Marked installed only once
 * the bot accepted it, so a bot that was down gets it on the next open. After an uninstall, only
 * `reinstall` adds the app again.
 */
export async function openPersonalChat(
  ctx: TenantContext,
  oid: string,
  options: { reinstall?: boolean } = {},
): Promise<{ conversation: BotConversation; delivered?: BotReply }> {
  const conv = ensurePersonalConversation(ctx, oid);
  if (conv.installedAt && !conv.blocked) return { conversation: conv };
  // A user who removed the app keeps it removed until they add it again.
  if (conv.blocked && !options.reinstall) return { conversation: conv };
  const user = userAccount(ctx, oid);
  const bot = botAccount(ctx);
  const activity = {
    ...envelope(ctx, conv, user, bot),
    type: "conversationUpdate",
    membersAdded: [{ id: bot.id }],
    channelData: { tenant: { id: conv.tenantId }, eventType: "teamMemberAdded" },
  };
  const reply = await deliverToBot(ctx, activity);
  if (reply.status >= 200 && reply.status < 300) {
    const updated: BotConversation = { ...conv, installedAt: ctx.now().toISOString(), blocked: false };
    saveConversation(ctx, updated);
    return { conversation: updated, delivered: reply };
  }
  return { conversation: conv, delivered: reply };
}

/**
 * Teams tells the bot that the app was added to or removed from the user's personal scope
 * (`installationUpdate`, action "add" / "remove"), before the conversationUpdate of an install.
 */
export async function notifyInstallationUpdate(
  ctx: TenantContext,
  oid: string,
  action: "add" | "remove",
): Promise<BotReply> {
  const conv = ensurePersonalConversation(ctx, oid);
  const activity = {
    ...envelope(ctx, conv, userAccount(ctx, oid), botAccount(ctx)),
    type: "installationUpdate",
    action,
    channelData: { tenant: { id: conv.tenantId }, source: null },
  };
  return deliverToBot(ctx, activity);
}

/** The user typed a message: stored, shown, and delivered to the bot. */
export async function sendUserMessage(
  ctx: TenantContext,
  oid: string,
  text: string,
): Promise<{ activity: StoredActivity; reply: BotReply }> {
  const conv = ensurePersonalConversation(ctx, oid);
  const activity: StoredActivity = {
    ...envelope(ctx, conv, userAccount(ctx, oid), botAccount(ctx)),
    type: "message",
    text,
    textFormat: "plain",
    attachments: [{ contentType: "text/html", content: `<p>${escapeHtml(text).replace(/\n/g, "<br>")}</p>` }],
    entities: [{ type: "clientInfo", locale: "ja-JP", country: "JP", platform: "Web", timezone: "Asia/Tokyo" }],
  };
  appendActivity(ctx, activity);
  const reply = await deliverToBot(ctx, activity);
  return { activity, reply };
}

export interface CardActionInput {
  /** The message holding the card. */
  activityId: string;
  action: { type?: "Action.Execute"; id?: string; verb: string; data?: Record<string, unknown> };
  trigger: "manual" | "automatic";
}

/** An Action.Execute (or automatic refresh) on a card: invoke `adaptiveCard/action`. */
export async function invokeCardAction(ctx: TenantContext, oid: string, input: CardActionInput): Promise<BotReply> {
  const conv = ensurePersonalConversation(ctx, oid);
  const message = findActivity(ctx, conv.id, input.activityId);
  if (!message)
    return { status: 404, body: { error: { code: "MessageNotFound", message: "The card's message does not exist." } } };
  const activity = {
    ...envelope(ctx, conv, userAccount(ctx, oid), botAccount(ctx)),
    id: `f:${ctx.now().getTime()}${Math.floor(Math.random() * 1e6)}`,
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: input.activityId,
    value: {
      action: {
        type: "Action.Execute",
        id: input.action.id ?? "",
        verb: input.action.verb,
        data: input.action.data ?? {},
      },
      trigger: input.trigger,
    },
    channelData: {
      tenant: { id: conv.tenantId },
      source: { name: "message" },
      legacy: { replyToId: input.activityId },
    },
  };
  return deliverToBot(ctx, activity);
}

/** The user removed Kōmu (or blocked the bot): further bot sends get 403 MessageWritesBlocked. */
export function uninstallForUser(ctx: TenantContext, oid: string): BotConversation {
  const conv = ensurePersonalConversation(ctx, oid);
  const { installedAt: _installed, ...rest } = conv;
  const updated: BotConversation = { ...rest, blocked: true };
  saveConversation(ctx, updated);
  return updated;
}
