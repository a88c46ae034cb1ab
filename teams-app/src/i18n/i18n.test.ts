import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MODULES } from "../app/modules.js";
import en from "./en.json";
import ja from "./ja.json";
import { pickInitialLanguage } from "./language.js";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const jaKeys = leaves(ja as Tree);
const enKeys = leaves(en as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}|<(\w+)>/g)].map((m) => m[1] ?? m[2]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("UI strings", () => {
  it("have the same keys in Japanese and English", () => {
    expect([...enKeys.keys()].sort()).toEqual([...jaKeys.keys()].sort());
  });

  it("use the same placeholders and tags in both languages, and no empty strings", () => {
    for (const [key, value] of jaKeys) {
      expect(value.trim(), key).not.toBe("");
      expect(placeholders(enKeys.get(key) ?? ""), key).toEqual(placeholders(value));
    }
  });

  it("cover every literal key the code uses", () => {
    const src = fileURLToPath(new URL("..", import.meta.url));
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([\w.]+)"/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/i18nKey="([\w.]+)"/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !jaKeys.has(k) && !k.startsWith("kind."));
    expect(missing).toEqual([]);
  });

  it("name every module in the navigation and every issue a module points to", () => {
    for (const m of MODULES) {
      expect(jaKeys.has(`nav.${m.key}`), m.key).toBe(true);
      if (m.issue) expect(jaKeys.has(`issues.${m.issue}`), `issue ${m.issue}`).toBe(true);
    }
    expect(jaKeys.get("home.tasksEmpty")).toBe("対応が必要なタスクはありません");
  });
});

describe("pickInitialLanguage", () => {
  it("prefers the saved choice, then an English Teams locale, else Japanese", () => {
    expect(pickInitialLanguage({ stored: "en", teamsLocale: "ja-jp" })).toBe("en");
    expect(pickInitialLanguage({ stored: "ja", teamsLocale: "en-us" })).toBe("ja");
    expect(pickInitialLanguage({ stored: null, teamsLocale: "en-GB" })).toBe("en");
    expect(pickInitialLanguage({ stored: "fr", teamsLocale: "ja-JP" })).toBe("ja");
    expect(pickInitialLanguage({ teamsLocale: "fr-fr" })).toBe("ja");
    expect(pickInitialLanguage({})).toBe("ja");
  });
});
