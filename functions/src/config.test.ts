import { fileURLToPath } from "node:url";
import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { loadConfig, loadEnvFile, parseEnvFile } from "./config.js";

const envLocal = fileURLToPath(new URL("../../env/.env.local", import.meta.url));

describe("loadConfig", () => {
  it("accepts the committed env/.env.local and derives what it can", () => {
    const config = loadConfig(loadEnvFile(envLocal));
    expect(config.env).toBe("local");
    expect(config.port).toBe(7071);
    expect(config.tenantId).toBe("5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31");
    expect(config.authorityHost).toBe("https://localhost:7072");
    expect(config.publicCloud).toBe(false);
    expect(config.trustedIssuers).toEqual(["https://localhost:7072/5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31/v2.0"]);
    expect(config.apiAudiences).toEqual([config.clientId, `api://localhost:7071/${config.clientId}`]);
    expect(config.graphBaseUrl).toBe("https://localhost:7072/v1.0");
    expect(config.m365).toEqual({ devPassword: "aoba-dev-2026", throttle: "documented", faultRate: 0 });
  });

  it("lists every missing and bad variable in one error", () => {
    let error: unknown;
    try {
      loadConfig({ KOMU_ENV: "staging", PORT: "abc", AAD_APP_TENANT_ID: "not-a-guid", GRAPH_BASE_URL: "http://graph" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KomuError);
    const e = error as KomuError;
    expect(e.code).toBe("CONFIGURATION_INVALID");
    for (const name of [
      "KOMU_ENV",
      "PORT",
      "AAD_APP_TENANT_ID",
      "AAD_APP_CLIENT_ID: required",
      "SECRET_AAD_APP_CLIENT_SECRET: required",
      "GRAPH_BASE_URL: must be an https:// URL",
      "BOT_ID: required",
      "SECRET_BOT_PASSWORD: required",
      "AZURE_STORAGE_CONNECTION_STRING: required",
    ]) {
      expect(e.message).toContain(name);
    }
    expect((e.details as { problems: string[] }).problems).toHaveLength(9);
  });

  it("derives production defaults and trims trailing slashes", () => {
    const config = loadConfig({
      KOMU_ENV: "prod",
      AAD_APP_TENANT_ID: "11111111-2222-3333-4444-555555555555",
      AAD_APP_CLIENT_ID: "AAAAAAAA-2222-3333-4444-555555555555",
      SECRET_AAD_APP_CLIENT_SECRET: "s",
      BOT_ID: "bbbbbbbb-2222-3333-4444-555555555555",
      SECRET_BOT_PASSWORD: "p",
      AZURE_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true",
      GRAPH_BASE_URL: "https://graph.microsoft.com/v1.0/",
      KOMU_API_AUDIENCES: "",
    });
    expect(config.publicCloud).toBe(true);
    expect(config.clientId).toBe("aaaaaaaa-2222-3333-4444-555555555555");
    expect(config.apiAudiences).toEqual(["aaaaaaaa-2222-3333-4444-555555555555"]);
    expect(config.trustedIssuers).toEqual([
      "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
    ]);
    expect(config.graphBaseUrl).toBe("https://graph.microsoft.com/v1.0");
    expect(config.bot.tokenIssuer).toBe("https://api.botframework.com");
  });

  it("rejects an http issuer", () => {
    expect(() =>
      loadConfig({ ...loadEnvFile(envLocal), KOMU_TRUSTED_ISSUERS: "http://localhost:7072/x/v2.0" }),
    ).toThrow(/KOMU_TRUSTED_ISSUERS.*https/);
  });
});

describe("parseEnvFile", () => {
  it("handles comments, quotes, export and references", () => {
    const env = parseEnvFile(
      [
        "# comment",
        "A=1",
        "export B = two # trailing",
        'C="x\\ny"',
        `D='${"$"}{A} literal'`,
        `E=${"$"}{A}-${"$"}{B}-${"$"}{MISSING}`,
        "not a line",
        "F=",
      ].join("\n"),
    );
    expect(env).toEqual({ A: "1", B: "two", C: "x\ny", D: `${"$"}{A} literal`, E: "1-two-", F: "" });
  });

  it("lets overrides (process environment, chosen ports) win and feed later references", () => {
    const env = parseEnvFile(["PORT=7071", `URL=http://localhost:${"$"}{PORT}/x`, "KEEP=1"].join("\n"), {
      PORT: "40123",
      UNSET: undefined,
    });
    expect(env).toEqual({ PORT: "40123", URL: "http://localhost:40123/x", KEEP: "1" });
  });
});
