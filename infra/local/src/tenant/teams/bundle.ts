/**
 * The Teams client's browser script, bundled with esbuild in memory on first request (nothing
 * built is committed or written to disk). The promise is kept per process.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("./client/main.ts", import.meta.url));
let bundle: Promise<string> | undefined;

export function clientBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    loader: { ".css": "text" },
  }).then((r) => {
    const out = r.outputFiles[0];
    if (!out) throw new Error("esbuild produced no output");
    return out.text;
  });
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}
