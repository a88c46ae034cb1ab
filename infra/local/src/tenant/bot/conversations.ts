/**
 * The connector's state: personal (1:1) conversations between the bot and users, and the
 * activities in them, kept in the tenant store and announced on ctx.bus ("activity") so the Teams
 * client updates live.
 *   collection "botConversations": Map<conversationId, BotConversation>
 *   collection "botActivities":    Map<conversationId, StoredActivity[]>
 */
import type { TenantContext } from "../context.js";
import { connectorServiceUrl } from "./connector-keys.js";
import { botChannelAccountId, nextActivityId, personalConversationId, teamsUserId } from "./ids.js";

export interface BotConversation {
  id: string;
  tenantId: string;
  botAppId: string;
  conversationType: "personal";
  userOid: string;
  userTeamsId: string;
  createdAt: string;
  /** The app was "installed" for the user and conversationUpdate was delivered to the bot. */
  installedAt?: string;
  /** The user blocked the bot / removed the app: sends get 403 MessageWritesBlocked. */
  blocked?: boolean;
}

export interface ChannelAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** An activity as stored (the Bot Framework Activity shape plus bookkeeping). */
export interface StoredActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp?: string;
  serviceUrl: string;
  channelId: "msteams";
  from: ChannelAccount;
  recipient: ChannelAccount;
  conversation: { id: string; conversationType: "personal"; tenantId: string };
  text?: string;
  summary?: string;
  attachments?: { contentType: string; content?: unknown; contentUrl?: string; name?: string }[];
  replyToId?: string;
  channelData?: Record<string, unknown>;
  locale?: string;
  textFormat?: string;
  /** Bookkeeping: set when the bot updated (PUT) the message. */
  lastModified?: string;
  deleted?: boolean;
  [key: string]: unknown;
}

export type ActivityEvent = {
  kind: "created" | "updated" | "deleted";
  conversationId: string;
  activity: StoredActivity;
};

export const ACTIVITY_EVENT = "activity";

interface UserLike {
  id: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  mail?: string;
  userPrincipalName?: string;
}

export const conversationsOf = (ctx: TenantContext) => ctx.store.collection<BotConversation>("botConversations");
const activitiesOf = (ctx: TenantContext) => ctx.store.collection<StoredActivity[]>("botActivities");
export const usersOf = (ctx: TenantContext) => ctx.store.collection<UserLike>("users");

export function userAccount(ctx: TenantContext, oid: string): ChannelAccount {
  const user = usersOf(ctx).get(oid);
  return { id: teamsUserId(oid), ...(user?.displayName ? { name: user.displayName } : {}), aadObjectId: oid };
}

export function botAccount(ctx: TenantContext): ChannelAccount {
  return { id: botChannelAccountId(ctx.config.bot.appId), name: "Kōmu" };
}

/** Finds or creates the user's personal conversation with the bot (idempotent, like Teams). */
export function ensurePersonalConversation(ctx: TenantContext, oid: string): BotConversation {
  const id = personalConversationId(ctx.config.tenantId, ctx.config.bot.appId, oid);
  const all = conversationsOf(ctx);
  let conv = all.get(id);
  if (!conv) {
    conv = {
      id,
      tenantId: ctx.config.tenantId,
      botAppId: ctx.config.bot.appId,
      conversationType: "personal",
      userOid: oid,
      userTeamsId: teamsUserId(oid),
      createdAt: ctx.now().toISOString(),
    };
    all.set(id, conv);
    ctx.store.changed();
  }
  return conv;
}

export function saveConversation(ctx: TenantContext, conv: BotConversation): void {
  conversationsOf(ctx).set(conv.id, conv);
  ctx.store.changed();
}

export function listActivities(ctx: TenantContext, conversationId: string): StoredActivity[] {
  return activitiesOf(ctx).get(conversationId) ?? [];
}

export function findActivity(
  ctx: TenantContext,
  conversationId: string,
  activityId: string,
): StoredActivity | undefined {
  return listActivities(ctx, conversationId).find((a) => a.id === activityId);
}

/** Common envelope of an activity in this conversation. */
export function envelope(ctx: TenantContext, conv: BotConversation, from: ChannelAccount, recipient: ChannelAccount) {
  const now = ctx.now();
  return {
    id: nextActivityId(ctx),
    timestamp: now.toISOString(),
    localTimestamp: jstTimestamp(now),
    serviceUrl: connectorServiceUrl(ctx),
    channelId: "msteams" as const,
    from,
    recipient,
    conversation: { id: conv.id, conversationType: "personal" as const, tenantId: conv.tenantId },
    channelData: { tenant: { id: conv.tenantId } },
    locale: "ja-JP",
  };
}

export function appendActivity(ctx: TenantContext, activity: StoredActivity): StoredActivity {
  const all = activitiesOf(ctx);
  const list = all.get(activity.conversation.id) ?? [];
  list.push(activity);
  all.set(activity.conversation.id, list);
  ctx.store.changed();
  ctx.bus.emit(ACTIVITY_EVENT, {
    kind: "created",
    conversationId: activity.conversation.id,
    activity,
  } satisfies ActivityEvent);
  return activity;
}

export function replaceActivity(
  ctx: TenantContext,
  conversationId: string,
  activityId: string,
  change: (a: StoredActivity) => StoredActivity,
): StoredActivity | undefined {
  const list = activitiesOf(ctx).get(conversationId);
  const i = list?.findIndex((a) => a.id === activityId) ?? -1;
  if (!list || i < 0) return undefined;
  const updated = change(list[i] as StoredActivity);
  list[i] = updated;
  ctx.store.changed();
  ctx.bus.emit(ACTIVITY_EVENT, {
    kind: updated.deleted ? "deleted" : "updated",
    conversationId,
    activity: updated,
  } satisfies ActivityEvent);
  return updated;
}

/** TeamsChannelAccount of a conversation member. */
export function teamsMember(ctx: TenantContext, oid: string) {
  const user = usersOf(ctx).get(oid);
  return {
    id: teamsUserId(oid),
    name: user?.displayName ?? "",
    aadObjectId: oid,
    givenName: user?.givenName ?? null,
    surname: user?.surname ?? null,
    email: user?.mail ?? null,
    userPrincipalName: user?.userPrincipalName ?? null,
    tenantId: ctx.config.tenantId,
    userRole: "user",
  };
}

/** The user's local time (Japan, UTC+09:00) in Teams' localTimestamp format. */
export function jstTimestamp(date: Date): string {
  return `${new Date(date.getTime() + 9 * 3600_000).toISOString().replace("Z", "")}+09:00`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );
}
