/// <reference types="node" />
/**
 * shared/ is the pure domain: it may import only `zod` and its own relative files. This test reads
 * every source file under shared/src (tests excluded) and fails on any other import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL(".", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs|json)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier: static imports/exports, dynamic import(), require(). */
export function importedModules(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) specifiers.push(m[1] as string);
  return specifiers;
}

const allowed = (specifier: string): boolean =>
  specifier === "zod" || specifier.startsWith("zod/") || specifier.startsWith("./") || specifier.startsWith("../");

describe("shared/ purity", () => {
  const files = sourceFiles(root);

  it("finds the sources", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("the import scanner sees what it must forbid", () => {
    const sample = [
      'import { readFileSync } from "node:fs";',
      "import fs from 'fs';",
      'import type { X } from "@azure/data-tables";',
      'export * from "@microsoft/microsoft-graph-client";',
      'const r = await import("react");',
      'import "hono";',
      'import {\n  a,\n  b,\n} from "jose";',
      'import { z } from "zod";',
      'import { a } from "./a.js";',
    ].join("\n");
    const found = importedModules(sample);
    expect(found).toEqual(
      expect.arrayContaining([
        "node:fs",
        "fs",
        "@azure/data-tables",
        "@microsoft/microsoft-graph-client",
        "react",
        "hono",
        "jose",
        "zod",
        "./a.js",
      ]),
    );
    expect(found.filter((s) => !allowed(s))).toHaveLength(7);
  });

  it.each(files.map((f) => [relative(root, f), f]))("%s imports only zod and relative files", (_name, file) => {
    const forbidden = importedModules(readFileSync(file as string, "utf8")).filter((s) => !allowed(s));
    expect(forbidden).toEqual([]);
  });

  it("relative imports stay inside shared/src", () => {
    for (const file of files) {
      for (const s of importedModules(readFileSync(file, "utf8"))) {
        if (!s.startsWith(".")) continue;
        const target = relative(root, join(file, "..", s));
        expect(target.startsWith(".."), `${relative(root, file)} → ${s}`).toBe(false);
      }
    }
  });
});
