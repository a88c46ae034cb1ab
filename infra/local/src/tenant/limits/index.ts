/** The tenant's Limits (see context.ts): SharePoint RU and Bot Connector budgets. */
import { GraphError, type Limits, type TenantConfig } from "../context.js";
import { BotBudget } from "./bot.js";
import { currentScope } from "./scope.js";
import { SharePointBudget } from "./sharepoint.js";

export interface TenantLimits extends Limits {
  reset(): void;
  sharePointBudget: SharePointBudget;
  botBudget: BotBudget;
}

export function createLimits(config: Pick<TenantConfig, "throttle">, now: () => number = Date.now): TenantLimits {
  const sharePointBudget = new SharePointBudget();
  const botBudget = new BotBudget();
  return {
    sharePointBudget,
    botBudget,
    sharePoint(appId, cost, api) {
      const verdict = sharePointBudget.charge(appId, cost, now(), config.throttle === "documented");
      const scope = currentScope();
      if (scope) {
        scope.resourceUnits += verdict.ru;
        scope.api ??= api;
      }
      if (!verdict.ok) {
        if (scope) scope.throttled = true;
        throw new GraphError(
          429,
          "activityLimitReached",
          `The request has been throttled: the app exceeded its SharePoint resource unit budget (${api}). Retry after ${verdict.retryAfterSeconds} seconds.`,
          { "Retry-After": String(verdict.retryAfterSeconds) },
        );
      }
    },
    bot(conversationId, api) {
      const verdict = botBudget.take(conversationId, now(), config.throttle === "documented");
      if (!verdict.ok) {
        const scope = currentScope();
        if (scope) scope.throttled = true;
        throw new GraphError(429, "TooManyRequests", `Too many requests for conversation ${conversationId} (${api}).`, {
          "Retry-After": String(verdict.retryAfterSeconds),
        });
      }
    },
    reset() {
      sharePointBudget.reset();
      botBudget.reset();
    },
  };
}
