/**
 * A small Bot Connector v3 REST client (the calls Kōmu makes to Teams): create a 1:1
 * conversation, send / reply / update / delete activities. Authenticated with the bot's
 * client-credentials token. Throttling: 429 (and 412/502/503/504) are retried honouring
 * Retry-After when it is short (≤ 5 s, up to 4 attempts, else exponential backoff with jitter);
 * a longer wait is returned to the caller as KomuError("RATE_LIMITED", { retryAfter }) so a
 * queue (the outbox) can reschedule. Dropped connections are retried only for idempotent calls
 * (PUT/DELETE/GET); a POST is never blindly repeated.
 */
import { KomuError } from "@komu/shared";
import type { BotTokenProvider } from "./token-provider.js";

export interface ConnectorClientOptions {
  tokens: BotTokenProvider;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  maxAttempts?: number;
  /** Longest Retry-After waited inline, seconds. */
  maxInlineWaitSeconds?: number;
}

export interface CreateConversationParams {
  botId: string;
  tenantId: string;
  /** Teams user id (29:…) or Entra object id. */
  memberId: string;
  activity?: Record<string, unknown>;
}

export interface ConnectorClient {
  createConversation(
    serviceUrl: string,
    params: CreateConversationParams,
  ): Promise<{ id: string; activityId?: string }>;
  sendToConversation(
    serviceUrl: string,
    conversationId: string,
    activity: Record<string, unknown>,
  ): Promise<{ id: string }>;
  replyToActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<{ id: string }>;
  updateActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<{ id: string }>;
  deleteActivity(serviceUrl: string, conversationId: string, activityId: string): Promise<void>;
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export function createConnectorClient(options: ConnectorClientOptions): ConnectorClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 4;
  const maxInlineWait = options.maxInlineWaitSeconds ?? 5;

  async function call<T>(
    method: "GET" | "POST" | "PUT" | "DELETE",
    serviceUrl: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const url = `${serviceUrl.replace(/\/+$/, "")}${path}`;
    const idempotent = method !== "POST";
    let reauthed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await options.tokens.getToken();
      let res: Response;
      try {
        res = await doFetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (e) {
        if (idempotent && attempt < maxAttempts) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw new KomuError("UPSTREAM_UNAVAILABLE", { cause: e, retryAfter: 2, details: { method, path } });
      }
      if (res.ok) {
        const text = await res.text();
        return (text ? JSON.parse(text) : {}) as T;
      }
      const errorText = await res.text().catch(() => "");
      if (res.status === 401 && !reauthed) {
        reauthed = true;
        options.tokens.invalidate();
        continue;
      }
      if (RETRYABLE.has(res.status)) {
        const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
        if (attempt < maxAttempts && (retryAfter === undefined || retryAfter <= maxInlineWait)) {
          await sleep(retryAfter !== undefined ? retryAfter * 1000 : backoffMs(attempt));
          continue;
        }
        const code = res.status === 429 ? "RATE_LIMITED" : "UPSTREAM_UNAVAILABLE";
        throw new KomuError(code, { retryAfter: retryAfter ?? 5, details: { status: res.status, method, path } });
      }
      throw mapError(res.status, errorText, method, path);
    }
  }

  function backoffMs(attempt: number): number {
    const base = 500 * 2 ** (attempt - 1);
    return Math.round(base / 2 + random() * base);
  }

  const enc = encodeURIComponent;
  return {
    async createConversation(serviceUrl, params) {
      return call("POST", serviceUrl, "/v3/conversations", {
        bot: { id: params.botId },
        isGroup: false,
        members: [{ id: params.memberId }],
        tenantId: params.tenantId,
        channelData: { tenant: { id: params.tenantId } },
        ...(params.activity ? { activity: params.activity } : {}),
      });
    },
    sendToConversation(serviceUrl, conversationId, activity) {
      return call("POST", serviceUrl, `/v3/conversations/${enc(conversationId)}/activities`, activity);
    },
    replyToActivity(serviceUrl, conversationId, activityId, activity) {
      return call("POST", serviceUrl, `/v3/conversations/${enc(conversationId)}/activities/${enc(activityId)}`, {
        ...activity,
        replyToId: activityId,
      });
    },
    updateActivity(serviceUrl, conversationId, activityId, activity) {
      return call("PUT", serviceUrl, `/v3/conversations/${enc(conversationId)}/activities/${enc(activityId)}`, {
        ...activity,
        id: activityId,
      });
    },
    async deleteActivity(serviceUrl, conversationId, activityId) {
      await call("DELETE", serviceUrl, `/v3/conversations/${enc(conversationId)}/activities/${enc(activityId)}`);
    },
  };
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n >= 0) return n;
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return undefined;
}

function mapError(status: number, body: string, method: string, path: string): KomuError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = body.slice(0, 300);
  }
  const details = { status, method, path, response: parsed };
  if (status === 403) {
    return new KomuError("FORBIDDEN", {
      message: {
        ja: "この利用者には Teams でメッセージを送れません（アプリ未インストールまたはブロック）。",
        en: "Teams refused the message (the app is not installed or the bot is blocked).",
      },
      details,
    });
  }
  if (status === 404) return new KomuError("NOT_FOUND", { details });
  if (status === 413) return new KomuError("PAYLOAD_TOO_LARGE", { details });
  if (status === 400) return new KomuError("VALIDATION_FAILED", { details });
  if (status >= 500) return new KomuError("UPSTREAM_UNAVAILABLE", { details, retryAfter: 5 });
  return new KomuError("INTERNAL", { details });
}
