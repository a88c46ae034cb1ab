/**
 * Kōmu's Teams bot. `createBot(deps).handle` serves POST /api/messages:
 *   1. the bearer token is validated (auth.ts) — 401 otherwise, never skipped;
 *   2. the activity is validated with zod — 400 on garbage;
 *   3. the activity must come from the configured tenant (tenant.ts) — 403 otherwise, before any
 *      side effect (nothing stored, nothing sent, no handler called);
 *   4. dispatch: `message` → a Japanese help reply with a card; `conversationUpdate` /
 *      `installationUpdate` (the app added in personal scope) → save the conversation reference and
 *      send the welcome card once; `invoke` `adaptiveCard/action` → the handler registered for the
 *      verb (onAction) answers with a card ({ statusCode: 200, type: card.adaptive, value }) and, for a
 *      manual action, the original message is updated for everyone (up-to-date card pattern).
 * Only personal (1:1) conversations are remembered as the user's conversation reference: a message
 * or card action in a team channel or group chat is answered in place, never stored, so proactive
 * cards (sendCardToUser) always go to the user's own chat.
 * Outbound calls (sendCardToUser, updateCard) go to the Bot Connector at the conversation's
 * serviceUrl with the bot's client-credentials token (connector-client.ts).
 */
import { isKomuError, KomuError } from "@komu/shared";
import {
  type Activity,
  ADAPTIVE_CARD_CONTENT_TYPE,
  ADAPTIVE_CARD_ERROR_TYPE,
  type AdaptiveCard,
  activitySchema,
  adaptiveCardActionValueSchema,
} from "./activity.js";
import { createActivityAuthenticator } from "./auth.js";
import { assertValidCard, errorCard, helpCard, welcomeCard } from "./cards.js";
import { type ConnectorClient, createConnectorClient } from "./connector-client.js";
import { checkActivityTenant, foreignTenantError, isPersonalConversation } from "./tenant.js";
import { createBotTokenProvider } from "./token-provider.js";
import type {
  ActionHandler,
  BotConfig,
  BotLogger,
  ConversationReference,
  ConversationStore,
  SendOptions,
  SentActivity,
} from "./types.js";
import { createWelcomeActions } from "./welcome.js";

export { type Activity, ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from "./activity.js";
export {
  conversationTableName,
  createMemoryConversationStore,
  createTableConversationStore,
} from "./conversation-store.js";
export * from "./types.js";

export interface BotDeps {
  config: BotConfig;
  conversations: ConversationStore;
  fetch?: typeof fetch;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  logger?: BotLogger;
}

export interface MessageRef {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
}

export interface BotHandler {
  /** POST /api/messages */
  handle(request: Request): Promise<Response>;
  /** Sends a card to a user in their 1:1 chat with Kōmu (creates the conversation if needed). */
  sendCardToUser(userAadId: string, card: AdaptiveCard, opts?: SendOptions): Promise<SentActivity>;
  /** Replaces the card of a message the bot sent (for everyone). */
  updateCard(ref: MessageRef, card: AdaptiveCard): Promise<void>;
  /** Replaces a message the bot sent with any activity. */
  updateActivity(ref: MessageRef, activity: Record<string, unknown>): Promise<void>;
  /** Registers the handler of an Action.Execute verb (adaptiveCard/action invoke). */
  onAction(verb: string, handler: ActionHandler): void;
}

const silentLogger: BotLogger = { info() {}, warn() {}, error() {} };

export function createBot(deps: BotDeps): BotHandler {
  const { config, conversations } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const appName = config.appName ?? "Kōmu";
  const botChannelId = `28:${config.botId}`;
  const auth = createActivityAuthenticator({
    openIdMetadataUrl: config.botOpenIdMetadata,
    issuer: config.botTokenIssuer,
    audience: config.botId,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    clock,
  });
  const tokens = createBotTokenProvider({
    tokenEndpoint: config.botTokenEndpoint,
    clientId: config.botId,
    clientSecret: config.botPassword,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const connector: ConnectorClient = createConnectorClient({
    tokens,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const actions = new Map<string, ActionHandler>();
  const welcome = createWelcomeActions({ conversations, appName });
  actions.set("welcome.ack", welcome.ack);
  actions.set("welcome.view", welcome.view);

  const cardMessage = (card: AdaptiveCard, opts: SendOptions = {}): Record<string, unknown> => ({
    type: "message",
    from: { id: botChannelId, name: appName },
    ...(opts.text ? { text: opts.text } : {}),
    ...(opts.summary ? { summary: opts.summary } : {}),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    ...(opts.notify ? { channelData: { notification: { alert: true } } } : {}),
  });

  /**
   * The sender's stored 1:1 conversation reference. A personal-scope activity refreshes it (the
   * activity's tenant was already checked to be ours); a channel or group chat activity never
   * writes it and only returns what is stored.
   */
  async function rememberConversation(activity: Activity): Promise<ConversationReference | undefined> {
    const aad = activity.from.aadObjectId;
    if (!aad) return undefined;
    // Several activities of one user can arrive at once (a double tap, many clicks): a lost ETag
    // race means another activity stored the reference first, so read it again and carry on.
    for (let attempt = 1; ; attempt++) {
      const existing = await conversations.get(aad);
      if (!isPersonalConversation(activity)) return existing;
      const fresh: ConversationReference = {
        ...(existing ?? {}),
        tenantId: config.tenantId,
        aadObjectId: aad,
        userId: activity.from.id,
        ...(activity.from.name ? { userName: activity.from.name } : {}),
        conversationId: activity.conversation.id,
        serviceUrl: activity.serviceUrl,
        botId: activity.recipient.id,
      };
      if (
        existing &&
        existing.conversationId === fresh.conversationId &&
        existing.serviceUrl === fresh.serviceUrl &&
        existing.userId === fresh.userId &&
        existing.userName === fresh.userName
      ) {
        return existing;
      }
      try {
        return await conversations.put(fresh);
      } catch (e) {
        const raced = isKomuError(e) && (e.code === "STALE_ETAG" || e.code === "CONFLICT");
        if (!raced || attempt >= 5) throw e;
      }
    }
  }

  async function onMessage(activity: Activity): Promise<Response> {
    await rememberConversation(activity);
    const name = activity.from.name ? `${activity.from.name} さん、` : "";
    const where = isPersonalConversation(activity) ? "このチャット" : `${appName} との個人チャット`;
    await connector.replyToActivity(activity.serviceUrl, activity.conversation.id, activity.id ?? "", {
      type: "message",
      from: { id: botChannelId, name: appName },
      recipient: activity.from,
      conversation: { id: activity.conversation.id },
      locale: "ja-JP",
      text: `${name}こんにちは。${appName} です。校務の各機能は左のタブから開けます。承認依頼やお知らせは${where}にお届けします。`,
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: helpCard(appName) }],
    });
    return new Response(null, { status: 200 });
  }

  async function onInstall(activity: Activity): Promise<Response> {
    if (!isPersonalConversation(activity)) return new Response(null, { status: 200 });
    const ref = await rememberConversation(activity);
    if (!ref || ref.welcomeActivityId) return new Response(null, { status: 200 });
    const card = welcomeCard({ appName, userId: activity.from.id, userName: activity.from.name ?? "" });
    const sent = await connector.sendToConversation(ref.serviceUrl, ref.conversationId, {
      ...cardMessage(card, { summary: `${appName} へようこそ` }),
      recipient: activity.from,
      conversation: { id: ref.conversationId },
    });
    await saveWithRetry(ref.aadObjectId, (r) => ({ ...r, welcomeActivityId: sent.id }));
    logger.info("bot.welcome.sent", { conversationId: ref.conversationId });
    return new Response(null, { status: 200 });
  }

  async function saveWithRetry(
    aad: string,
    change: (r: ConversationReference) => ConversationReference,
  ): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const current = await conversations.get(aad);
      if (!current) return;
      try {
        await conversations.put(change(current));
        return;
      } catch (e) {
        if (!(isKomuError(e) && e.code === "STALE_ETAG")) throw e;
      }
    }
  }

  async function onAdaptiveCardAction(activity: Activity, tenantId: string): Promise<Response> {
    const parsed = adaptiveCardActionValueSchema.safeParse(activity.value);
    if (!parsed.success)
      return invokeError(
        400,
        "BadRequest",
        "adaptiveCard/action の値が正しくありません。 / Invalid adaptiveCard/action value.",
      );
    const { action, trigger } = parsed.data;
    const handler = actions.get(action.verb);
    if (!handler) {
      return invokeError(
        400,
        "NotSupported",
        `この操作（${action.verb}）には対応していません。 / Unknown action verb "${action.verb}".`,
      );
    }
    const aad = activity.from.aadObjectId;
    if (!aad) return invokeError(401, "Unauthorized", "利用者を特定できません。 / The user is unknown.");
    const conversation = await rememberConversation(activity);
    try {
      const result = await handler({
        verb: action.verb,
        data: action.data ?? {},
        trigger: trigger ?? "manual",
        tenantId,
        user: { aadObjectId: aad, teamsId: activity.from.id, name: activity.from.name },
        messageId: activity.replyToId,
        conversation,
        source: {
          conversationId: activity.conversation.id,
          conversationType:
            activity.conversation.conversationType ?? (isPersonalConversation(activity) ? "personal" : "groupChat"),
          serviceUrl: activity.serviceUrl,
        },
        now: clock(),
      });
      if ((trigger ?? "manual") === "manual" && result.updateForEveryone && activity.replyToId) {
        try {
          await connector.updateActivity(activity.serviceUrl, activity.conversation.id, activity.replyToId, {
            ...cardMessage(result.updateForEveryone),
            conversation: { id: activity.conversation.id },
          });
        } catch (e) {
          logger.warn("bot.card.updateForEveryone.failed", { error: String(e), verb: action.verb });
        }
      }
      return Response.json({ statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: result.card });
    } catch (e) {
      if (isKomuError(e) && e.status < 500) {
        return Response.json({
          statusCode: 200,
          type: ADAPTIVE_CARD_CONTENT_TYPE,
          value: errorCard({ title: "操作できませんでした", message: e.text.ja, detail: e.text.en }),
        });
      }
      logger.error("bot.action.failed", { verb: action.verb, error: String(e) });
      return invokeError(500, "InternalError", "処理中にエラーが発生しました。 / Something went wrong.");
    }
  }

  async function dispatch(activity: Activity, tenantId: string): Promise<Response> {
    switch (activity.type) {
      case "message":
        return onMessage(activity);
      case "conversationUpdate":
        if ((activity.membersAdded ?? []).length > 0) return onInstall(activity);
        return new Response(null, { status: 200 });
      case "installationUpdate":
        if ((activity as { action?: string }).action?.startsWith("add")) return onInstall(activity);
        return new Response(null, { status: 200 });
      case "invoke":
        if (activity.name === "adaptiveCard/action") return onAdaptiveCardAction(activity, tenantId);
        return new Response(null, { status: 501 });
      default:
        return new Response(null, { status: 200 });
    }
  }

  return {
    async handle(request) {
      try {
        if (request.method !== "POST") throw new KomuError("METHOD_NOT_ALLOWED");
        const authorization = request.headers.get("authorization");
        if (!authorization) throw new KomuError("UNAUTHENTICATED", { details: { reason: "missing bearer token" } });
        let raw: unknown;
        try {
          raw = await request.json();
        } catch {
          throw new KomuError("MALFORMED_JSON");
        }
        const rawObj = (raw ?? {}) as Record<string, unknown>;
        await auth.verify(authorization, {
          serviceUrl: typeof rawObj.serviceUrl === "string" ? rawObj.serviceUrl : "",
          channelId: typeof rawObj.channelId === "string" ? rawObj.channelId : "",
        });
        const parsed = activitySchema.safeParse(raw);
        if (!parsed.success) {
          throw new KomuError("VALIDATION_FAILED", {
            details: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
          });
        }
        const tenant = checkActivityTenant(parsed.data, config.tenantId);
        if (!tenant.ok) {
          logger.warn("bot.tenant.refused", {
            reason: tenant.reason,
            claimedTenants: tenant.claimed,
            type: parsed.data.type,
            channelId: parsed.data.channelId,
          });
          throw foreignTenantError(tenant.reason);
        }
        return await dispatch(parsed.data, tenant.tenantId);
      } catch (e) {
        if (isKomuError(e)) {
          if (e.status >= 500) logger.error("bot.handle.failed", { code: e.code, error: String(e.cause ?? e) });
          return Response.json(e.toBody(), {
            status: e.status,
            headers: e.retryAfter ? { "retry-after": String(e.retryAfter) } : {},
          });
        }
        logger.error("bot.handle.failed", { error: String(e) });
        return Response.json(new KomuError("INTERNAL").toBody(), { status: 500 });
      }
    },

    async sendCardToUser(userAadId, card, opts = {}) {
      assertValidCard(card);
      let ref = await conversations.get(userAadId);
      if (!ref) {
        const serviceUrl = config.botServiceUrl;
        if (!serviceUrl) {
          throw new KomuError("NOT_FOUND", {
            message: {
              ja: "この利用者は Kōmu を Teams に追加していません。",
              en: "This user has not installed Kōmu in Teams.",
            },
            details: { userAadId },
          });
        }
        const created = await connector.createConversation(serviceUrl, {
          botId: botChannelId,
          tenantId: config.tenantId,
          memberId: userAadId,
        });
        ref = await conversations.put({
          tenantId: config.tenantId,
          aadObjectId: userAadId,
          conversationId: created.id,
          serviceUrl,
          botId: botChannelId,
        });
      }
      const sent = await connector.sendToConversation(ref.serviceUrl, ref.conversationId, {
        ...cardMessage(card, opts),
        conversation: { id: ref.conversationId },
        ...(ref.userId ? { recipient: { id: ref.userId } } : {}),
      });
      return { conversationId: ref.conversationId, activityId: sent.id, serviceUrl: ref.serviceUrl };
    },

    async updateCard(ref, card) {
      assertValidCard(card);
      await connector.updateActivity(ref.serviceUrl, ref.conversationId, ref.activityId, {
        ...cardMessage(card),
        conversation: { id: ref.conversationId },
      });
    },

    async updateActivity(ref, activity) {
      await connector.updateActivity(ref.serviceUrl, ref.conversationId, ref.activityId, {
        ...activity,
        conversation: { id: ref.conversationId },
      });
    },

    onAction(verb, handler) {
      actions.set(verb, handler);
    },
  };

  function invokeError(statusCode: number, code: string, message: string): Response {
    return Response.json({ statusCode, type: ADAPTIVE_CARD_ERROR_TYPE, value: { code, message } });
  }
}

export { botConfigFrom } from "./config.js";
