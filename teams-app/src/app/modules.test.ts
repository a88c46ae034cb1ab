// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${{VAR}} is the Agents Toolkit placeholder syntax under test
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MODULES } from "./modules.js";

const manifest = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../manifest/appPackage/manifest.json", import.meta.url)), "utf8"),
) as { staticTabs: { entityId: string; contentUrl?: string }[] };

describe("modules and the Teams manifest", () => {
  it("every module has a personal static tab whose contentUrl is the module's path", () => {
    const tabs = new Map(manifest.staticTabs.map((t) => [t.entityId, t.contentUrl]));
    expect(tabs.get("home")).toBe("${{TAB_ENDPOINT}}/");
    for (const m of MODULES) expect(tabs.get(m.key), m.key).toBe(`\${{TAB_ENDPOINT}}${m.path}`);
  });

  it("has unique keys and paths", () => {
    expect(new Set(MODULES.map((m) => m.path)).size).toBe(MODULES.length);
    expect(new Set(MODULES.map((m) => m.key)).size).toBe(MODULES.length);
  });
});
