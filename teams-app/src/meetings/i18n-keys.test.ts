import { Minutes, Note } from "@komu/shared";
import { describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import ja from "../i18n/ja.json";
import { DISPLAY_STATUSES } from "./model/list.js";
import { REFUSALS } from "./model/materials.js";
import { MEETING_TABS } from "./model/views.js";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** Keys the meetings UI builds at run time, one per value of the shared enums and the UI's own unions. */
const families: [string, readonly string[]][] = [
  ["meetings.status", DISPLAY_STATUSES],
  ["meetings.tabs", MEETING_TABS],
  ["meetings.refusal", REFUSALS],
  ["meetings.materials.class", ["III", "II", "I"]],
  ["meetings.minutes.status", Minutes.shape.status.unwrap().options],
  ["meetings.notes.kind", Note.shape.kind.options],
];

describe("meetings UI strings built at run time", () => {
  it.each(families)("%s has every value in Japanese and English", (prefix, values) => {
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) {
      expect(lookup(ja as Tree, `${prefix}.${v}`), `ja ${prefix}.${v}`).toBeTruthy();
      expect(lookup(en as Tree, `${prefix}.${v}`), `en ${prefix}.${v}`).toBeTruthy();
    }
  });
});
