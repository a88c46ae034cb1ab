/** The local Microsoft 365 tenant (see ARCHITECTURE.md). */

export * from "./constants.js";
export { type Caller, GraphError, type TenantApp, type TenantConfig, type TenantContext } from "./context.js";
export { issueAppToken, issueUserToken, verifyTenantToken } from "./identity/tokens.js";
export { KNOWN_GROUPS, KNOWN_USERS, type KnownUser, SCHOOL_IDS } from "./seed/known.js";
export { buildTenant, type RunningTenant, type StartTenantOptions, startTenant } from "./server.js";
