/**
 * The bot's outbound token (OAuth 2.0 client credentials against BOT_TOKEN_ENDPOINT, scope
 * https://api.botframework.com/.default), cached until 5 minutes before it expires. Concurrent
 * callers share one request.
 */
import { KomuError } from "@komu/shared";
import { z } from "zod";

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

export interface BotTokenProvider {
  getToken(): Promise<string>;
  /** Forget the cached token (after a 401 from the connector). */
  invalidate(): void;
}

export function createBotTokenProvider(options: {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  fetch?: typeof fetch;
  now?: () => number;
}): BotTokenProvider {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope ?? "https://api.botframework.com/.default",
    });
    let res: Response;
    try {
      res = await doFetch(options.tokenEndpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    } catch (e) {
      throw new KomuError("UPSTREAM_UNAVAILABLE", { cause: e, retryAfter: 2 });
    }
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      if (res.status >= 500 || res.status === 429) {
        throw new KomuError("UPSTREAM_UNAVAILABLE", {
          details: { status: res.status },
          retryAfter: Number(res.headers.get("retry-after")) || 2,
        });
      }
      throw new KomuError("CONFIGURATION_INVALID", {
        message: {
          ja: "ボットのトークンを取得できません。ボットの設定を確認してください。",
          en: `The bot could not get a token (${res.status}).`,
        },
        details: { status: res.status, body: text.slice(0, 300) },
      });
    }
    const parsed = tokenResponseSchema.parse(await res.json());
    const lifetimeMs = parsed.expires_in * 1000;
    cached = { token: parsed.access_token, refreshAt: now() + Math.max(lifetimeMs - 5 * 60_000, lifetimeMs / 2) };
    return parsed.access_token;
  }

  return {
    async getToken() {
      if (cached && now() < cached.refreshAt) return cached.token;
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
