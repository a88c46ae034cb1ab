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

export interface ActionContext {
  verb: string;
  data: Record<string, unknown>;
  trigger: "manual" | "automatic";
  user: { aadObjectId: string; teamsId: string; name: string | undefined };
  /** The message the card is in (activity.replyToId). */
  messageId: string | undefined;
  conversation: ConversationReference;
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
