/** Maps the app's Config (functions/src/config.ts) to the bot's narrow BotConfig. */
import type { Config } from "../config.js";
import type { BotConfig } from "./types.js";

export function botConfigFrom(config: Pick<Config, "bot" | "tenantId">, appName = "Kōmu"): BotConfig {
  return {
    botId: config.bot.id,
    botPassword: config.bot.password,
    botOpenIdMetadata: config.bot.openIdMetadata,
    botTokenIssuer: config.bot.tokenIssuer,
    botTokenEndpoint: config.bot.tokenEndpoint,
    tenantId: config.tenantId,
    ...(config.bot.serviceUrl ? { botServiceUrl: config.bot.serviceUrl } : {}),
    appName,
  };
}
