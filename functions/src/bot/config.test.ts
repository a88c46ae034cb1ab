import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { botConfigFrom } from "./config.js";

describe("botConfigFrom", () => {
  it("takes the bot's settings from the app configuration", () => {
    const env: Record<string, string> = {
      KOMU_ENV: "local",
      AAD_APP_TENANT_ID: "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31",
      AAD_APP_CLIENT_ID: "8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b",
      SECRET_AAD_APP_CLIENT_SECRET: "s",
      AAD_APP_OAUTH_AUTHORITY_HOST: "https://localhost:7072",
      GRAPH_BASE_URL: "https://localhost:7072/v1.0",
      BOT_ID: "2b7e4f1a-6c3d-4a8e-b5f9-0d1e2c3b4a59",
      SECRET_BOT_PASSWORD: "p",
      BOT_OPENID_METADATA: "https://localhost:7072/botframework/v1/.well-known/openidconfiguration",
      BOT_TOKEN_ENDPOINT: "https://localhost:7072/botframework.com/oauth2/v2.0/token",
      AZURE_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true",
    };
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(env);
    } catch (e) {
      throw new Error(`test env no longer satisfies loadConfig: ${(e as Error).message}`);
    }
    expect(botConfigFrom(config)).toMatchObject({
      botId: "2b7e4f1a-6c3d-4a8e-b5f9-0d1e2c3b4a59",
      botPassword: "p",
      botOpenIdMetadata: "https://localhost:7072/botframework/v1/.well-known/openidconfiguration",
      botTokenIssuer: "https://api.botframework.com",
      botTokenEndpoint: "https://localhost:7072/botframework.com/oauth2/v2.0/token",
      tenantId: "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31",
    });
  });
});
