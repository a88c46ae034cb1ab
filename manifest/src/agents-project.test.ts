// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${{VAR}} is the Agents Toolkit placeholder syntax under test
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseEnvFile } from "./env-file.js";
import { placeholderNames } from "./template.js";

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const read = (path: string) => readFileSync(root(path), "utf8");

describe("Agents Toolkit project files", () => {
  const yml = read("m365agents.yml");
  const builtIn = new Set(["TEAMSFX_ENV"]);

  it("every placeholder of the manifests and m365agents.yml is a key of the env examples", () => {
    const used = new Set([
      ...placeholderNames(read("manifest/appPackage/manifest.json")),
      ...placeholderNames(read("manifest/appPackage/en-us.json")),
      ...placeholderNames(read("aad.manifest.json")),
      ...placeholderNames(yml),
    ]);
    for (const example of ["env/.env.dev.example", "env/.env.prod.example"]) {
      const keys = new Set(Object.keys(parseEnvFile(read(example))));
      const missing = [...used].filter((name) => !builtIn.has(name) && !keys.has(name) && !name.startsWith("SECRET_"));
      expect(missing, example).toEqual([]);
    }
  });

  it("describes the lifecycle with the documented actions, in order", () => {
    const actions = [...yml.matchAll(/^\s*- uses: (\S+)/gm)].map((m) => m[1]);
    expect(actions).toEqual([
      "teamsApp/create",
      "aadApp/create",
      "botAadApp/create",
      "aadApp/update",
      "botFramework/create",
      "teamsApp/validateManifest",
      "teamsApp/zipAppPackage",
      "teamsApp/validateAppPackage",
      "teamsApp/update",
      "cli/runNpmCommand",
      "cli/runNpmCommand",
      "cli/runNpmCommand",
      "azureFunctions/zipDeploy",
    ]);
    expect(yml).toMatch(/^version: v1\.\d+$/m);
    expect(yml).toMatch(/^environmentFolderPath: \.\/env$/m);
    expect(yml).toContain("manifestPath: ./aad.manifest.json");
    expect(yml).toContain("resourceId: ${{API_FUNCTION_RESOURCE_ID}}");
  });

  it("the Entra app exposes access_as_user to the Teams clients and declares the admin role", () => {
    const aad = JSON.parse(read("aad.manifest.json"));
    expect(aad.oauth2Permissions.map((p: { value: string }) => p.value)).toEqual(["access_as_user"]);
    const preAuthorized = aad.preAuthorizedApplications.map((a: { appId: string }) => a.appId);
    expect(preAuthorized).toContain("1fec8e78-bce4-4aaf-ab1b-5451cc387264"); // Teams desktop / mobile
    expect(preAuthorized).toContain("5e3ce6c0-2b1f-4285-8d4b-75ee78787346"); // Teams web
    expect(aad.identifierUris).toEqual(["api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}"]);
    expect(aad.appRoles.map((r: { value: string }) => r.value)).toEqual(["Komu.Admin"]);
    // the same resource the Teams manifest asks SSO tokens for
    const manifest = JSON.parse(read("manifest/appPackage/manifest.json"));
    expect(manifest.webApplicationInfo.resource).toBe(aad.identifierUris[0]);
  });
});
