/**
 * The local tenant's Teams client simulator (a web page at the tenant's `/` and `/teams`):
 * sign in as a seeded user, Kōmu's tabs in a teams-js host, and the 1:1 chat with the bot.
 * Mounted at the tenant root by server.ts: register(app, ctx).
 */
import type { TenantApp, TenantContext } from "../context.js";
import { registerTeamsClient } from "./routes.js";

export function register(app: TenantApp, ctx: TenantContext): void {
  registerTeamsClient(app, ctx);
}

export { registerTeamsClient } from "./routes.js";
export { defaultTabs, LOCAL_TEAMS_APP_ID, loadTabs, type TeamsTab } from "./tabs.js";
