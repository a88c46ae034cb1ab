/**
 * Checks a Teams app package (zip) the way Teams would read it: manifest.json at the root,
 * valid against the official schema for its manifestVersion, icons present with the right sizes,
 * localization files present and valid.
 */
import JSZip from "jszip";
import { readPngHeader } from "./png.js";
import { validateLocalization, validateManifest } from "./validate.js";

type JsonObject = Record<string, unknown>;

export const ICON_SIZES = { color: 192, outline: 32 } as const;

function localizationFiles(manifest: JsonObject): string[] {
  const info = manifest.localizationInfo as
    | { defaultLanguageFile?: string; additionalLanguages?: { file: string }[] }
    | undefined;
  if (!info) return [];
  return [
    ...(info.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info.additionalLanguages ?? []).map((l) => l.file),
  ];
}

export function iconErrors(kind: keyof typeof ICON_SIZES, file: string, bytes: Uint8Array): string[] {
  const size = ICON_SIZES[kind];
  try {
    const header = readPngHeader(bytes);
    const errors: string[] = [];
    if (header.width !== size || header.height !== size) {
      errors.push(`icons.${kind} (${file}) is ${header.width}×${header.height}, expected ${size}×${size}`);
    }
    if (kind === "outline" && !header.hasAlpha) {
      errors.push(`icons.outline (${file}) must be a transparent PNG (RGBA or grey+alpha)`);
    }
    return errors;
  } catch (e) {
    return [`icons.${kind} (${file}): ${(e as Error).message}`];
  }
}

/** Every problem found in a package; an empty list means the package is valid. */
export async function validatePackageZip(zipBytes: Uint8Array): Promise<string[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch (e) {
    return [`not a zip file: ${(e as Error).message}`];
  }
  const manifestFile = zip.file("manifest.json");
  if (!manifestFile) return ["manifest.json is missing at the root of the package"];
  let manifest: JsonObject;
  try {
    manifest = JSON.parse(await manifestFile.async("string")) as JsonObject;
  } catch (e) {
    return [`manifest.json is not valid JSON: ${(e as Error).message}`];
  }
  const errors = (await validateManifest(manifest)).map((e) => `manifest.json${e}`);

  const icons = (manifest.icons ?? {}) as Partial<Record<keyof typeof ICON_SIZES, string>>;
  for (const kind of Object.keys(ICON_SIZES) as (keyof typeof ICON_SIZES)[]) {
    const file = icons[kind];
    if (!file) continue; // the schema already reported it
    const entry = zip.file(file);
    if (!entry) errors.push(`icons.${kind}: ${file} is not in the package`);
    else errors.push(...iconErrors(kind, file, await entry.async("uint8array")));
  }

  const version = typeof manifest.manifestVersion === "string" ? manifest.manifestVersion : undefined;
  for (const file of localizationFiles(manifest)) {
    const entry = zip.file(file);
    if (!entry) {
      errors.push(`localizationInfo: ${file} is not in the package`);
      continue;
    }
    let localization: JsonObject;
    try {
      localization = JSON.parse(await entry.async("string")) as JsonObject;
    } catch (e) {
      errors.push(`${file} is not valid JSON: ${(e as Error).message}`);
      continue;
    }
    if (version) errors.push(...(await validateLocalization(localization, version)).map((e) => `${file}${e}`));
  }
  return errors;
}
