/** The local Microsoft 365 tenant (see ARCHITECTURE.md). */
export { buildTenant, type RunningTenant, type StartTenantOptions, startTenant } from "./server.js";
export * from "./constants.js";
export { GraphError, type Caller, type TenantApp, type TenantConfig, type TenantContext } from "./context.js";
export { issueAppToken, issueUserToken, verifyTenantToken } from "./identity/tokens.js";
export { KNOWN_GROUPS, KNOWN_USERS, SCHOOL_IDS, type KnownUser } from "./seed/known.js";
