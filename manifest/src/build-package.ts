/**
 * Builds manifest/build/komu.<env>.zip from the manifest template and env/.env.<env>:
 * substitutes ${{VAR}} placeholders (failing on any unresolved one), zips manifest.json, icons and
 * localization files, validates the zip, and writes it only when it is valid.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { parseEnvFile } from "./env-file.js";
import { validatePackageZip } from "./package-zip.js";
import { substitute, UnresolvedPlaceholdersError } from "./template.js";

/** The env keys the manifest template needs. */
export const MANIFEST_ENV_KEYS = [
  "TEAMS_APP_ID",
  "AAD_APP_CLIENT_ID",
  "BOT_ID",
  "TAB_DOMAIN",
  "TAB_ENDPOINT",
  "APP_NAME_SUFFIX",
] as const;

export interface BuildPackageOptions {
  /** local | dev | prod | … — selects env/.env.<env> */
  env: string;
  /** Folder of .env.<env> files (default: <repo>/env). */
  envDir?: string;
  /** Folder holding manifest.json, icons and localization files (default: manifest/appPackage). */
  appPackageDir?: string;
  /** Where the zip goes (default: manifest/build). */
  outDir?: string;
  /** Values that override the env file (tests). */
  overrides?: Record<string, string>;
}

export interface BuildPackageResult {
  ok: boolean;
  errors: string[];
  zipPath: string;
  /** The substituted manifest (when substitution succeeded). */
  manifest?: Record<string, unknown>;
}

const manifestDir = fileURLToPath(new URL("..", import.meta.url));

export function readEnv(envDir: string, env: string): Record<string, string> {
  const file = join(envDir, `.env.${env}`);
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const values = parseEnvFile(readFileSync(file, "utf8"));
  // The Agents Toolkit keeps SECRET_* values in .env.<env>.user; merge it when present.
  const user = `${file}.user`;
  return existsSync(user) ? { ...values, ...parseEnvFile(readFileSync(user, "utf8")) } : values;
}

export async function buildTeamsPackage(options: BuildPackageOptions): Promise<BuildPackageResult> {
  const { env } = options;
  const appPackageDir = options.appPackageDir ?? join(manifestDir, "appPackage");
  const outDir = options.outDir ?? join(manifestDir, "build");
  const envDir = options.envDir ?? resolve(manifestDir, "..", "env");
  const zipPath = join(outDir, `komu.${env}.zip`);
  const fail = (errors: string[], manifest?: Record<string, unknown>): BuildPackageResult => {
    rmSync(zipPath, { force: true }); // never leave a stale "good" package behind
    return { ok: false, errors, zipPath, ...(manifest ? { manifest } : {}) };
  };
  if (!/^[a-z0-9][a-z0-9-]*$/.test(env)) return fail([`invalid env name "${env}"`]);

  let values: Record<string, string>;
  try {
    values = { ...readEnv(envDir, env), ...options.overrides };
  } catch (e) {
    return fail([(e as Error).message]);
  }

  const zip = new JSZip();
  let manifest: Record<string, unknown>;
  try {
    const text = substitute(readFileSync(join(appPackageDir, "manifest.json"), "utf8"), values, "manifest.json");
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return fail([
      e instanceof UnresolvedPlaceholdersError ? `${e.message} (add them to env/.env.${env})` : (e as Error).message,
    ]);
  }
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);

  const errors: string[] = [];
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  const info = (manifest.localizationInfo ?? {}) as {
    defaultLanguageFile?: string;
    additionalLanguages?: { file: string }[];
  };
  const localization = [info.defaultLanguageFile, ...(info.additionalLanguages ?? []).map((l) => l.file)].filter(
    (f): f is string => typeof f === "string",
  );
  for (const file of Object.values(icons)) {
    const path = join(appPackageDir, file);
    if (existsSync(path)) zip.file(file, readFileSync(path));
  }
  for (const file of localization) {
    const path = join(appPackageDir, file);
    if (!existsSync(path)) continue; // reported by the package check
    try {
      zip.file(file, substitute(readFileSync(path, "utf8"), values, file));
    } catch (e) {
      errors.push((e as Error).message);
    }
  }

  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  errors.push(...(await validatePackageZip(bytes)));
  if (errors.length > 0) return fail(errors, manifest);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(zipPath, bytes);
  return { ok: true, errors: [], zipPath, manifest };
}
