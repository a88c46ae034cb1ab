/**
 * Races inside an approvals effect (the approval row or a card row changed under it: another
 * effect for the same approval, a 後閲 during 決裁 filing) are STALE_ETAG / CONFLICT. Those are 4xx
 * KomuErrors, which the outbox would dead-letter; the effects re-read everything, so they are
 * retried instead, a second later.
 */
import { isKomuError } from "@komu/shared";
import { RetryableError } from "../outbox/errors.js";
import type { EffectHandler } from "../outbox/types.js";

export function retryOnRace(handler: EffectHandler): EffectHandler {
  return async (payload, attempt, info) => {
    try {
      await handler(payload, attempt, info);
    } catch (e) {
      if (isKomuError(e) && (e.code === "STALE_ETAG" || e.code === "CONFLICT"))
        throw new RetryableError(`${info.kind}: ${e.code}`, { retryAfterSeconds: 1, cause: e });
      throw e;
    }
  };
}
