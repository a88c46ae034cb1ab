/**
 * Test support (imported only by *.test.ts): a local tenant whose bot messaging endpoint is Kōmu's
 * real bot (createBot from @komu/functions) hosted on a tiny Hono app on a random port, plus the
 * bot's configuration and client-credentials token request against a local tenant.
 */
import { serve } from "@hono/node-server";
import { type BotConfig, createBot, createMemoryConversationStore } from "@komu/functions/bot/index";
import { Hono } from "hono";
import { BOT_APP_ID, BOT_PASSWORD } from "../constants.js";
import { startTestTenant } from "../contract/fixture.js";
import type { RunningTenant, StartTenantOptions } from "../server.js";

/** Kōmu's bot configuration against the tenant's Bot Framework endpoints; `overrides` replace or add members. */
export function komuBotConfig(
  tenant: Pick<RunningTenant, "origin" | "tenantId">,
  overrides: Partial<BotConfig> = {},
): BotConfig {
  return {
    botId: BOT_APP_ID,
    botPassword: BOT_PASSWORD,
    botOpenIdMetadata: `${tenant.origin}/botframework/v1/.well-known/openidconfiguration`,
    botTokenIssuer: "https://api.botframework.com",
    botTokenEndpoint: `${tenant.origin}/botframework.com/oauth2/v2.0/token`,
    tenantId: tenant.tenantId,
    ...overrides,
  };
}

/** The bot's client-credentials request to the tenant's botframework.com token endpoint (the raw response). */
export function requestBotToken(tenant: Pick<RunningTenant, "origin">): Promise<Response> {
  return fetch(`${tenant.origin}/botframework.com/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: BOT_APP_ID,
      client_secret: BOT_PASSWORD,
      scope: "https://api.botframework.com/.default",
    }),
  });
}

export interface TenantWithBot {
  tenant: RunningTenant;
  bot: ReturnType<typeof createBot>;
  conversations: ReturnType<typeof createMemoryConversationStore>;
  /** Closes the bot's server, then stops the tenant. */
  stop(): Promise<void>;
}

/**
 * Starts the bot's HTTP server on a random port (POST /api/messages), then a test tenant
 * (startTestTenant) whose bot messaging endpoint is that server, then Kōmu's bot with an in-memory
 * conversation store. `onActivity` sees each posted activity before the bot handles it.
 */
export async function startTenantWithKomuBot(
  options: {
    tenant?: Partial<StartTenantOptions>;
    /** Bot configuration overrides, given the started tenant. */
    bot?: (tenant: RunningTenant) => Partial<BotConfig>;
    onActivity?: (activity: unknown) => void;
  } = {},
): Promise<TenantWithBot> {
  const app = new Hono();
  let handle: ((r: Request) => Promise<Response>) | undefined;
  app.post("/api/messages", async (c) => {
    if (options.onActivity) options.onActivity(await c.req.raw.clone().json());
    return handle ? handle(c.req.raw) : c.body(null, 503);
  });
  const botServer = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((r) => botServer.once("listening", () => r()));
  const botPort = (botServer.address() as { port: number }).port;
  let tenant: RunningTenant;
  try {
    tenant = await startTestTenant({
      ...options.tenant,
      botMessagingEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
    });
  } catch (e) {
    botServer.close();
    throw e;
  }
  const conversations = createMemoryConversationStore(tenant.tenantId);
  const bot = createBot({ config: komuBotConfig(tenant, options.bot?.(tenant)), conversations });
  handle = (r) => bot.handle(r);
  return {
    tenant,
    bot,
    conversations,
    async stop() {
      botServer.close();
      await tenant.stop();
    },
  };
}
