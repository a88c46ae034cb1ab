/**
 * Validation of a Teams app manifest (and its localization files) against the official JSON
 * schemas that npm `@microsoft/app-manifest` ships, chosen by the manifest's `manifestVersion`.
 * Never fetches a schema from the network: an unknown version is an error.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type AppManifest, AppManifestUtils } from "@microsoft/app-manifest";

type JsonObject = Record<string, unknown>;

const packageBuildDir = dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest"));

export type SchemaKind = "manifest" | "localization";

export function schemaPath(manifestVersion: string, kind: SchemaKind): string {
  if (!/^(\d+\.\d+|devPreview)$/.test(manifestVersion)) {
    throw new Error(`manifestVersion "${manifestVersion}" is not a version number`);
  }
  const file = kind === "manifest" ? "MicrosoftTeams.schema.json" : "MicrosoftTeams.Localization.schema.json";
  return join(packageBuildDir, "json-schemas", "teams", `v${manifestVersion}`, file);
}

export function loadSchema(manifestVersion: string, kind: SchemaKind): JsonObject {
  const path = schemaPath(manifestVersion, kind);
  if (!existsSync(path)) {
    throw new Error(
      `@microsoft/app-manifest ships no ${kind} schema for manifestVersion ${manifestVersion} (looked for ${path})`,
    );
  }
  // Same clean-up the package applies to its own schema files (invalid JSON escapes).
  const text = readFileSync(path, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return fixUnicodeRegexes(JSON.parse(text) as JsonObject);
}

/**
 * The localization schemas (1.2x) contain patternProperties such as
 * `^activities.activityTypes\[\b(…)\b]\.description$` whose lone `]` is a literal in a plain JS
 * regex but a syntax error in the unicode-mode regexes AJV compiles. Escaping that `]` keeps the
 * meaning the schema authors intended (Teams reads it as a literal) and lets AJV compile it.
 */
function fixUnicodeRegexes(schema: JsonObject): JsonObject {
  const patterns = schema.patternProperties as Record<string, unknown> | undefined;
  if (!patterns) return schema;
  const fixed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patterns)) fixed[key.replace(/\\b\]/g, "\\b\\]")] = value;
  return { ...schema, patternProperties: fixed };
}

async function validateWith(document: JsonObject, schema: JsonObject): Promise<string[]> {
  // The package's validator is typed for manifests but is plain AJV underneath.
  return AppManifestUtils.validateAgainstSchema(
    document as unknown as AppManifest,
    schema as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
}

/** Schema errors of a Teams manifest (empty when valid). */
export async function validateManifest(manifest: JsonObject): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== "string") return ["/manifestVersion is missing or not a string"];
  return validateWith(manifest, loadSchema(version, "manifest"));
}

/** Schema errors of a localization file for the given manifest version. */
export async function validateLocalization(localization: JsonObject, manifestVersion: string): Promise<string[]> {
  return validateWith(localization, loadSchema(manifestVersion, "localization"));
}
