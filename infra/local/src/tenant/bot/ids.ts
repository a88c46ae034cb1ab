/**
 * Identifiers in Teams' shapes. A user's Teams id ("29:…") is derived reversibly from their
 * Entra object id, the bot's channel account id is "28:<bot app id>", personal conversation ids
 * look like "a:…", activity ids are millisecond timestamps (strictly increasing per tenant).
 * The same 1:1 chat has a second name in Graph (chat id "19:<bot app id>_<user oid>@unq.gbl.spaces",
 * what GET …/teamwork/installedApps/{id}/chat answers); the connector accepts it as the conversation id.
 */
import { createHash } from "node:crypto";
import type { TenantContext } from "../context.js";

const HEX_GUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function teamsUserId(oid: string): string {
  if (HEX_GUID.test(oid)) return `29:1${Buffer.from(oid.replace(/-/g, ""), "hex").toString("base64url")}`;
  return `29:2${Buffer.from(oid, "utf8").toString("base64url")}`;
}

/** The Entra object id behind a Teams user id, or undefined when it is not one of ours. */
export function oidFromTeamsUserId(teamsId: string): string | undefined {
  if (teamsId.startsWith("29:1")) {
    const hex = Buffer.from(teamsId.slice(4), "base64url").toString("hex");
    if (hex.length !== 32) return undefined;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  if (teamsId.startsWith("29:2")) return Buffer.from(teamsId.slice(4), "base64url").toString("utf8");
  return undefined;
}

export function botChannelAccountId(botAppId: string): string {
  return `28:${botAppId}`;
}

/** Deterministic personal-chat id for (tenant, bot, user): Teams returns the same 1:1 chat each time. */
export function personalConversationId(tenantId: string, botAppId: string, oid: string): string {
  const digest = createHash("sha256").update(`${tenantId}|${botAppId}|${oid}`).digest("base64url");
  return `a:1${digest}`;
}

const lastIds = new WeakMap<TenantContext, number>();

export function nextActivityId(ctx: TenantContext): string {
  const next = Math.max(ctx.now().getTime(), (lastIds.get(ctx) ?? 0) + 1);
  lastIds.set(ctx, next);
  return String(next);
}

/** Graph's id of the 1:1 chat between the bot and a user (documented shape: 19:<guid>_<user oid>@unq.gbl.spaces). */
export function personalChatId(botAppId: string, oid: string): string {
  return `19:${botAppId}_${oid}@unq.gbl.spaces`;
}

/** The user of a bot's 1:1 Graph chat id, or undefined when the id is not one. */
export function oidFromPersonalChatId(botAppId: string, chatId: string): string | undefined {
  const prefix = `19:${botAppId}_`;
  const suffix = "@unq.gbl.spaces";
  if (!chatId.startsWith(prefix) || !chatId.endsWith(suffix)) return undefined;
  const oid = chatId.slice(prefix.length, chatId.length - suffix.length);
  return oid || undefined;
}
