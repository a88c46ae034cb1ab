/**
 * The local tenant's Bot Connector (Teams' Bot Framework service, the subset Kōmu uses).
 * Mounted at the tenant root by server.ts: register(app, ctx).
 */
import type { TenantApp, TenantContext } from "../context.js";
import { registerConnectorKeys } from "./connector-keys.js";
import { registerConnectorRoutes } from "./routes.js";

export function register(app: TenantApp, ctx: TenantContext): void {
  registerConnectorKeys(app, ctx);
  registerConnectorRoutes(app, ctx);
}

export {
  BOT_FRAMEWORK_ISSUER,
  connectorServiceUrl,
  JWKS_PATH,
  OPENID_PATH,
  signConnectorToken,
} from "./connector-keys.js";
export * from "./conversations.js";
export * from "./deliver.js";
export { botChannelAccountId, oidFromTeamsUserId, teamsUserId } from "./ids.js";
