import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildTeamsPackage } from "./build-package.js";
import { validatePackageZip } from "./package-zip.js";
import { readPngHeader } from "./png.js";

const LOCAL_ENV = `# test fixture in the shape of env/.env.local
TEAMS_APP_ID=2b7f0e64-3c1d-4b8a-9f3e-5a6c7d8e9f01
AAD_APP_CLIENT_ID=7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6
BOT_ID=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
TAB_DOMAIN=localhost:7071
TAB_ENDPOINT=http://localhost:7071
APP_NAME_SUFFIX=-local
`;

const repoEnvLocal = fileURLToPath(new URL("../../env/.env.local", import.meta.url));

function tempDirs(envText: string) {
  const root = mkdtempSync(join(tmpdir(), "komu-manifest-"));
  writeFileSync(join(root, ".env.local"), envText);
  return { envDir: root, outDir: join(root, "build") };
}

// biome-ignore lint/suspicious/noExplicitAny: the manifest is plain JSON explored by the assertions
type Json = Record<string, any>;

async function entry(zip: JSZip, name: string): Promise<JSZip.JSZipObject> {
  const file = zip.file(name);
  if (!file) throw new Error(`${name} is not in the zip`);
  return file;
}

async function readZip(path: string) {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const manifest = JSON.parse(await (await entry(zip, "manifest.json")).async("string")) as Json;
  return { zip, manifest };
}

describe("buildTeamsPackage", () => {
  it("packages the local env into a zip that validates against the official schema", async () => {
    const dirs = tempDirs(LOCAL_ENV);
    const result = await buildTeamsPackage({ env: "local", ...dirs });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.zipPath).toBe(join(dirs.outDir, "komu.local.zip"));

    const bytes = readFileSync(result.zipPath);
    expect(await validatePackageZip(bytes)).toEqual([]);
    const { zip, manifest } = await readZip(result.zipPath);
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "en-us.json", "manifest.json", "outline.png"]);
    expect(manifest.id).toBe("2b7f0e64-3c1d-4b8a-9f3e-5a6c7d8e9f01");
    expect(manifest.webApplicationInfo).toEqual({
      id: "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
      resource: "api://localhost:7071/7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
    });
    expect(manifest.bots[0].botId).toBe("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    expect(manifest.validDomains).toEqual(["localhost:7071"]);
    expect(manifest.name.short).toBe("Kōmu 校務-local");
    const urls = (manifest.staticTabs as Json[]).filter((t) => t.contentUrl).map((t) => t.contentUrl);
    expect(urls).toContain("http://localhost:7071/approvals");
    expect(urls).toContain("http://localhost:7071/dashboard");
    const en = JSON.parse(await (await entry(zip, "en-us.json")).async("string"));
    expect(en["name.short"]).toBe("Kōmu-local");
    expect(JSON.stringify(manifest)).not.toContain("${{");
    const color = readPngHeader(await (await entry(zip, "color.png")).async("uint8array"));
    const outline = readPngHeader(await (await entry(zip, "outline.png")).async("uint8array"));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
  });

  it.runIf(existsSync(repoEnvLocal))("packages the repository's env/.env.local", async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), "komu-manifest-")), "build");
    const result = await buildTeamsPackage({ env: "local", outDir });
    expect(result.errors).toEqual([]);
    expect(await validatePackageZip(readFileSync(result.zipPath))).toEqual([]);
  });

  it("fails, names the missing variables and writes no zip when a placeholder has no value", async () => {
    const dirs = tempDirs(LOCAL_ENV.replace(/^BOT_ID=.*\n/m, "").replace(/^TAB_DOMAIN=.*\n/m, ""));
    const result = await buildTeamsPackage({ env: "local", ...dirs });
    expect(result.ok).toBe(false);
    expect(result.errors.join("\n")).toMatch(/\$\{\{BOT_ID\}\}.*\$\{\{TAB_DOMAIN\}\}/);
    expect(existsSync(join(dirs.outDir, "komu.local.zip"))).toBe(false);
  });

  it("fails with the schema errors when a value makes the manifest invalid", async () => {
    const dirs = tempDirs(LOCAL_ENV.replace(/^TEAMS_APP_ID=.*$/m, "TEAMS_APP_ID=not-a-guid"));
    const result = await buildTeamsPackage({ env: "local", ...dirs });
    expect(result.ok).toBe(false);
    expect(result.errors.some((e) => e.startsWith("manifest.json/id must match pattern"))).toBe(true);
    expect(existsSync(join(dirs.outDir, "komu.local.zip"))).toBe(false);
  });

  it("fails when the env file does not exist", async () => {
    const dirs = tempDirs(LOCAL_ENV);
    const result = await buildTeamsPackage({ env: "prod", ...dirs });
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatch(/\.env\.prod does not exist/);
  });
});

describe("validatePackageZip", () => {
  async function packageWith(edit: (manifest: Json, zip: JSZip) => void | Promise<void>) {
    const dirs = tempDirs(LOCAL_ENV);
    const built = await buildTeamsPackage({ env: "local", ...dirs });
    const { zip, manifest } = await readZip(built.zipPath);
    await edit(manifest, zip);
    zip.file("manifest.json", JSON.stringify(manifest));
    return validatePackageZip(await zip.generateAsync({ type: "uint8array" }));
  }

  it("rejects a manifest without an id", async () => {
    const errors = await packageWith((m) => {
      delete m.id;
    });
    expect(errors.some((e) => /must have required property 'id'/.test(e))).toBe(true);
  });

  it("rejects an unknown property and a wrong icon size", async () => {
    const errors = await packageWith(async (m, zip) => {
      m.notAManifestField = true;
      zip.file("color.png", await (await entry(zip, "outline.png")).async("uint8array"));
    });
    expect(errors.some((e) => /additional properties/.test(e))).toBe(true);
    expect(errors).toContain("icons.color (color.png) is 32×32, expected 192×192");
  });

  it("rejects a missing localization file and a manifest version without a shipped schema", async () => {
    const missingFile = await packageWith((_, zip) => {
      zip.remove("en-us.json");
    });
    expect(missingFile).toContain("localizationInfo: en-us.json is not in the package");
    await expect(
      packageWith((m) => {
        m.manifestVersion = "1.18";
      }),
    ).rejects.toThrow(/no manifest schema for manifestVersion 1.18/);
  });
});
