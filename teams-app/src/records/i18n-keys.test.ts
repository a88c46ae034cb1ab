import {
  DeliveryChannel,
  DisposalItemStatus,
  DisposalStatus,
  RETENTION_PERIODS,
  RecordPage,
  RecordStatus,
  RegisterEntryStatus,
  RegisterKind,
  RelatedItem,
  RetentionTrigger,
} from "@komu/shared";
import { describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import ja from "../i18n/ja.json";
import { CLASSIFICATIONS } from "./model/classification.js";
import { CHANNELS } from "./registers/entry-form.js";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** Keys the records UI builds at run time (`t(\`records.status.${status}\`)`), one per value of the shared enums. */
const families: [string, readonly string[]][] = [
  ["records.status", RecordStatus.options],
  ["records.channel", DeliveryChannel.options],
  ["records.registers.entryStatus", RegisterEntryStatus.options],
  ["records.disposal.status", DisposalStatus.options],
  ["records.disposal.itemStatusValue", DisposalItemStatus.options],
  ["records.related", RelatedItem.shape.kind.options],
  ["records.retention", RETENTION_PERIODS],
  ["records.trigger", RetentionTrigger.options],
  ["records.classificationHelp", CLASSIFICATIONS],
  ["records.classificationOption", CLASSIFICATIONS],
  ["records.search.mode", RecordPage.shape.searched.options],
  ["records.views", ["browse", "upload", "search", "receipt", "dispatch", "disposal"]],
  ["records.upload.status", ["rejected", "uploading", "uploadFailed", "uploaded", "filing", "filed", "fileFailed"]],
  ...(
    ["tab", "formHeading", "counterpart", "date", "submit", "assigned", "assignedAnnounce", "listCaption"] as const
  ).map((k): [string, readonly string[]] => [`records.registers.${k}`, RegisterKind.options]),
  ...(["confirmTitle", "confirmBody", "confirm", "decided"] as const).map((k): [string, readonly string[]] => [
    `records.disposal.${k}`,
    ["approve", "reject"],
  ]),
];

describe("records UI strings built at run time", () => {
  it.each(families)("%s has every value in Japanese and English", (prefix, values) => {
    for (const v of values) {
      expect(lookup(ja as Tree, `${prefix}.${v}`), `ja ${prefix}.${v}`).toBeTruthy();
      expect(lookup(en as Tree, `${prefix}.${v}`), `en ${prefix}.${v}`).toBeTruthy();
    }
  });

  it("the register form offers every delivery channel", () => {
    expect([...CHANNELS].sort()).toEqual([...DeliveryChannel.options].sort());
  });
});
