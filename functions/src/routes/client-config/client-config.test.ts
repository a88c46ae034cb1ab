import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { clientConfigFrom } from "./client-config.js";

const base = {
  AAD_APP_TENANT_ID: "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31",
  AAD_APP_CLIENT_ID: "8A1F6C2E-3B4D-4E5F-9A7B-1C2D3E4F5A6B",
  SECRET_AAD_APP_CLIENT_SECRET: "s",
  BOT_ID: "2b7e4f1a-6c3d-4a8e-b5f9-0d1e2c3b4a59",
  SECRET_BOT_PASSWORD: "b",
  AZURE_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true",
};

describe("client config", () => {
  it("locally: the local tenant's authority, its http twin, and the api:// audience's scope", () => {
    const config = loadConfig({
      ...base,
      KOMU_ENV: "local",
      AAD_APP_OAUTH_AUTHORITY_HOST: "https://localhost:7072",
      GRAPH_BASE_URL: "https://localhost:7072/v1.0",
      KOMU_API_AUDIENCES:
        "8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b,api://localhost:7071/8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b",
    });
    expect(clientConfigFrom(config)).toEqual({
      clientId: "8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b",
      tenantId: "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31",
      authority: "https://localhost:7072",
      authorityHttp: "http://localhost:7072",
      apiScope: "api://localhost:7071/8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b/access_as_user",
      env: "local",
    });
  });

  it("locally with Live Share's relay: its URL and the container map's", () => {
    const config = loadConfig({
      ...base,
      KOMU_ENV: "local",
      AAD_APP_OAUTH_AUTHORITY_HOST: "https://localhost:7072",
      KOMU_LIVESHARE_RELAY_URL: "http://localhost:40123/",
      KOMU_LIVESHARE_CONTAINERS_URL: "http://127.0.0.1:40124/containers",
    });
    expect(clientConfigFrom(config).liveShare).toEqual({
      relayUrl: "http://localhost:40123",
      containersUrl: "http://127.0.0.1:40124/containers",
    });
    expect(clientConfigFrom(loadConfig({ ...base, KOMU_ENV: "local" })).liveShare).toBeUndefined();
  });

  it("outside local: the unauthenticated local Live Share relay is refused, never published", () => {
    for (const env of ["dev", "prod"])
      expect(() =>
        loadConfig({
          ...base,
          KOMU_ENV: env,
          KOMU_LIVESHARE_RELAY_URL: "https://relay.example.org",
          KOMU_LIVESHARE_CONTAINERS_URL: "https://relay.example.org/containers",
        }),
      ).toThrow(/KOMU_ENV=local only/);
    expect(() =>
      loadConfig({ ...base, KOMU_ENV: "prod", KOMU_LIVESHARE_CONTAINERS_URL: "https://x.example.org/c" }),
    ).toThrow(/KOMU_LIVESHARE/);
  });

  it("in production: Entra, no http authority, and never the client secret", () => {
    const config = loadConfig({ ...base, KOMU_ENV: "prod", SECRET_AAD_APP_CLIENT_SECRET: "very-secret" });
    const body = clientConfigFrom(config);
    expect(body.authority).toBe("https://login.microsoftonline.com");
    expect(body.authorityHttp).toBeUndefined();
    expect(body.apiScope).toBe("api://8a1f6c2e-3b4d-4e5f-9a7b-1c2d3e4f5a6b/access_as_user");
    expect(JSON.stringify(body)).not.toContain("very-secret");
    expect(JSON.stringify(body)).not.toContain('"b"');
  });
});
