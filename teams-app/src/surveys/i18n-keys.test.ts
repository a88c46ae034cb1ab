import { Audience } from "@komu/shared";
import { describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import ja from "../i18n/ja.json";
import { DETAIL_TABS } from "./detail/tab-names.js";
import { DISPLAY_STATUSES } from "./model/status.js";
import { VIEWS } from "./model/views.js";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** Keys the surveys UI builds at run time, one per value of the shared enums and the UI's own unions. */
const families: [string, readonly string[]][] = [
  ["surveys.status", DISPLAY_STATUSES],
  ["surveys.views", VIEWS],
  ["surveys.list.empty", ["mine", "school", "answer"]],
  ["surveys.myStatus", ["none", "partial", "submitted"]],
  ["surveys.audience", Audience.options.map((o) => o.shape.kind.value)],
  ["surveys.detail.tabs", DETAIL_TABS],
  ["surveys.tracking", ["byGrade", "byClass"]],
];

describe("surveys UI strings built at run time", () => {
  it.each(families)("%s has every value in Japanese and English", (prefix, values) => {
    for (const v of values) {
      expect(lookup(ja as Tree, `${prefix}.${v}`), `ja ${prefix}.${v}`).toBeTruthy();
      expect(lookup(en as Tree, `${prefix}.${v}`), `en ${prefix}.${v}`).toBeTruthy();
    }
  });
});
