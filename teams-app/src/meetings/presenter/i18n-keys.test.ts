import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { CONTROLS, MODES } from "./model.js";

type Tree = { [key: string]: string | Tree };
function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

describe("presenter UI strings built at run time", () => {
  it.each([
    ["presenter.status", MODES],
    ["presenter.actions", CONTROLS],
  ] as const)("%s has every value in Japanese and English", (prefix, values) => {
    for (const v of values) {
      expect(lookup(ja as Tree, `${prefix}.${v}`), `ja ${prefix}.${v}`).toBeTruthy();
      expect(lookup(en as Tree, `${prefix}.${v}`), `en ${prefix}.${v}`).toBeTruthy();
    }
  });
});
