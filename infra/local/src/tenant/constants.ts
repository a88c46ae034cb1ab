/**
 * Fixed identifiers of the local Microsoft 365 tenant. They are local-only development values
 * (never secrets of a real tenant) so that .env.local, tests and the seed agree without set-up.
 */
export const LOCAL_TENANT_ID = "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31";
/** The tenant path the Bot Framework token endpoint uses (login.microsoftonline.com/botframework.com). */
export const BOT_FRAMEWORK_TENANT = "botframework.com";
export const UPN_DOMAIN = "aoba-edu.example";

/** Kōmu's Entra app registration (the API audience, SSO, Graph client). */
export const KOMU_CLIENT_ID = "8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b";
export const KOMU_CLIENT_SECRET = "local-dev-komu-secret~not-a-real-secret";
export const KOMU_APP_DISPLAY_NAME = "Kōmu (local)";

/** The bot's app registration. */
export const BOT_APP_ID = "2b7e4f1a-6c3d-4a8e-b5f9-0d1e2c3b4a59";
export const BOT_PASSWORD = "local-dev-bot-password~not-a-real-secret";

/** Password of every seeded user (local tenant only). */
export const DEV_PASSWORD = "aoba-dev-2026";

export const DEFAULT_M365_PORT = 7072;
export const DEFAULT_KOMU_ORIGIN = "http://localhost:7071";

/** Resource (audience) of Microsoft Graph tokens, and Graph's well-known app id. */
export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/** Audience of tokens for the Bot Connector service. */
export const BOT_FRAMEWORK_AUDIENCE = "https://api.botframework.com";

/** Application permissions (roles) granted to Kōmu's app in the local tenant. */
export const KOMU_APP_ROLES = [
  "User.Read.All",
  "Group.Read.All",
  "GroupMember.Read.All",
  "Sites.ReadWrite.All",
  "Files.ReadWrite.All",
  "Calendars.ReadWrite",
  "OnlineMeetings.ReadWrite.All",
  "TeamsAppInstallation.ReadWriteForUser.All",
] as const;

/** Delegated permissions (scp) consented for Kōmu; what `/.default` resolves to on-behalf-of a user. */
export const KOMU_DELEGATED_SCOPES = [
  "User.Read",
  "User.ReadBasic.All",
  "GroupMember.Read.All",
  "Sites.ReadWrite.All",
  "Files.ReadWrite.All",
  "Calendars.ReadWrite",
] as const;

/** Kōmu API scope exposed for Teams SSO. */
export const KOMU_API_SCOPE = "access_as_user";

export function komuAppIdUri(komuOrigin: string, clientId = KOMU_CLIENT_ID): string {
  return `api://${new URL(komuOrigin).host}/${clientId}`;
}
