/**
 * Fault injection middleware (mounted on /v1.0/* and /v3/*): 429/503 with Retry-After, slow
 * answers, dropped connections (before or after the handler). Inner $batch requests have no
 * connection of their own; a "dropped" one comes back as 504 (after the handler ran, for dropAfter).
 */
import type { MiddlewareHandler } from "hono";
import { GraphError, type TenantConfig, type TenantVariables } from "../context.js";
import { decideFault } from "../limits/faults.js";

type Env = { Variables: TenantVariables; Bindings: { incoming?: { socket?: { destroy(): void } } } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function faultMiddleware(
  config: Pick<TenantConfig, "faultRate">,
  random: () => number = Math.random,
): MiddlewareHandler<Env> {
  return async (c, next) => {
    const fault = decideFault(config.faultRate, random);
    if (!fault) return next();
    const socket = c.env?.incoming?.socket;
    switch (fault.kind) {
      case "429":
        throw new GraphError(429, "TooManyRequests", "Please retry again later.", {
          "Retry-After": String(fault.retryAfterSeconds),
        });
      case "503":
        throw new GraphError(
          503,
          "serviceNotAvailable",
          "The service is temporarily unavailable. Please retry after the indicated time.",
          {
            "Retry-After": String(fault.retryAfterSeconds),
          },
        );
      case "slow":
        await sleep(fault.delayMs);
        return next();
      case "dropBefore":
        if (socket) {
          socket.destroy();
          // nothing reaches the client; 499 (client closed request) is what the stats record
          return c.body(null, 499 as 400);
        }
        throw new GraphError(504, "GatewayTimeout", "The connection was closed before the request was processed.");
      case "dropAfter":
        await next();
        if (socket) {
          socket.destroy();
          return;
        }
        throw new GraphError(
          504,
          "GatewayTimeout",
          "The connection was closed before the response was sent; the request may have been processed.",
        );
    }
  };
}
