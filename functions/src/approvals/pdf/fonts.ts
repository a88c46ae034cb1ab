import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { KomuError } from "@komu/shared";

/**
 * The Japanese font of imprints and certificate pages: IPAex Gothic (IPA Font License v1.0,
 * vendored with its licence in `functions/assets/fonts/`), embedded as a subset with
 * `@pdf-lib/fontkit`. Looked up beside the source (`functions/assets/fonts`) and beside a bundle
 * (`<bundle dir>/assets/fonts`); `KOMU_FONTS_DIR` overrides both.
 */
export const FONT_FILE = "ipaexg.ttf";

const candidates = (): string[] => {
  const dirs = [new URL("../../../assets/fonts/", import.meta.url), new URL("./assets/fonts/", import.meta.url)].map(
    (u) => fileURLToPath(u),
  );
  const override = process.env.KOMU_FONTS_DIR;
  return override ? [override, ...dirs] : dirs;
};

let cached: Promise<Uint8Array> | undefined;

export const loadJapaneseFont = (): Promise<Uint8Array> => {
  cached ??= (async () => {
    for (const dir of candidates()) {
      const path = `${dir.replace(/\/?$/, "/")}${FONT_FILE}`;
      if (existsSync(path)) return new Uint8Array(await readFile(path));
    }
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: `font ${FONT_FILE} not found`, looked: candidates() },
    });
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
};
