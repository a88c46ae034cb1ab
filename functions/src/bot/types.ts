/** Types shared by the bot's parts (handler, connector client, conversation store, actions). */
import type { AdaptiveCard } from "./activity.js";

/** The narrow configuration the bot needs (a subset of functions/src/config.ts's Config). */
export interface BotConfig {
  botId: string;
  botPassword: string;
  /** Bot Framework OpenID metadata URL (tokens on incoming activities). */
  botOpenIdMetadata: string;
  /** Expected `iss` of incoming tokens, e.g. https://api.botframework.com */
  botTokenIssuer: string;
  /** OAuth 2.0 token endpoint for the bot's outbound client-credentials token. */
  botTokenEndpoint: string;
  /** Tenant id (for conversation partitions and new 1:1 conversations). */
  tenantId: string;
  /**
   * Connector base URL for proactive messages to users who have no stored conversation
   * reference yet (Teams: https://smba.trafficmanager.net/teams/). Optional.
   */
  botServiceUrl?: string;
  /** Display name used in cards; default "Kōmu". */
  appName?: string;
}

/** What the bot remembers about a 1:1 conversation with a user (a "conversation reference"). */
export interface ConversationReference {
  tenantId: string;
  /** Entra object id of the user (the key). */
  aadObjectId: string;
  /** Teams user id (29:…); unknown until the user's first activity when created proactively. */
  userId?: string;
  userName?: string;
  conversationId: string;
  serviceUrl: string;
  /** Bot's channel id (28:…). */
  botId: string;
  /** Activity id of the welcome card, once sent. */
  welcomeActivityId?: string;
  /** ISO time the user acknowledged the welcome card. */
  welcomeAcknowledgedAt?: string;
  updatedAt?: string;
  /** Storage version; pass back to put() for an optimistic update. */
  etag?: string;
}

export interface ConversationStore {
  get(aadObjectId: string): Promise<ConversationReference | undefined>;
  /** Upsert; when ref.etag is set, replaces only that version (else KomuError STALE_ETAG). */
  put(ref: ConversationReference): Promise<ConversationReference>;
}

/**
 * What an Action.Execute handler (registered with `onAction(verb, …)`) is told about the click.
 *
 * SECURITY — a handler MUST authorise before it acts or reveals anything: resolve the clicking
 * user's Principal from `tenantId` + `user.aadObjectId` (the identity module's principal
 * resolver) and decide with `can(principal, capability, resource)` (`@komu/shared`), exactly as an
 * API route does. Seeing a card is not permission: cards are forwarded, shown in shared chats and
 * their Action.Execute can be sent by any Teams client with any `data`.
 *  - `tenantId` and `user` come from the verified activity (token checked, tenant checked against
 *    the configured one, `from.aadObjectId`); they are the only identity to trust.
 *  - `data` is the card's action data as the client sent it: untrusted input. Validate it with zod
 *    and never take a user, tenant, school or role from it; re-read the resource it names.
 */
export interface ActionContext {
  verb: string;
  /** The action's data as sent by the Teams client — untrusted, validate with zod. */
  data: Record<string, unknown>;
  trigger: "manual" | "automatic";
  /** The verified tenant of the activity (always the configured tenant; others are refused). */
  tenantId: string;
  /** The user who acted, from the activity's `from` (never from card data). */
  user: { aadObjectId: string; teamsId: string; name: string | undefined };
  /** The message the card is in (activity.replyToId). */
  messageId: string | undefined;
  /**
   * The user's stored 1:1 conversation reference; undefined when the action came from a team
   * channel or group chat and the user has never opened a personal chat with Kōmu.
   */
  conversation: ConversationReference | undefined;
  /** Where the card that was acted on lives (a personal chat, a channel, a group chat). */
  source: { conversationId: string; conversationType: string; serviceUrl: string };
  now: Date;
}

export interface ActionResult {
  /** The card for the user who acted (invoke response). */
  card: AdaptiveCard;
  /** When set (and the trigger was manual), the message is updated for everyone with this card. */
  updateForEveryone?: AdaptiveCard;
}

export type ActionHandler = (ctx: ActionContext) => Promise<ActionResult>;

export interface SendOptions {
  /** Short text shown in notifications and the chat list. */
  summary?: string;
  /** Teams "alert" notification in the activity feed. */
  notify?: boolean;
  /** Plain text sent with the card. */
  text?: string;
}

export interface SentActivity {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
}

export interface BotLogger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}
