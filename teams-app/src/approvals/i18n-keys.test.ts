import { ApprovalBox, ApprovalStatus, HistoryAction, ResolvedStage, StageKind, StageRule } from "@komu/shared";
import { describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import ja from "../i18n/ja.json";
import type { Verdict } from "./api/verify.js";
import type { DialogAction } from "./detail/DecisionDialog.js";
import type { DraftProblem } from "./model/draft-form.js";
import type { PersonState } from "./model/route-view.js";
import { VIEWS } from "./model/views.js";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

const PERSON_STATES: PersonState[] = [
  "waiting",
  "notYetNotified",
  "notified",
  "viewed",
  "approved",
  "returned",
  "rejected",
  "delegated",
  "closed",
  "circulated",
  "circulatedViewed",
];
const ACTIONS: DialogAction[] = ["approve", "return", "reject", "delegate", "withdraw", "submit", "review"];
const VERDICTS: Verdict[] = ["intact", "altered", "unrecorded", "unknown"];
const PROBLEMS: DraftProblem[] = ["title", "category", "template", "main", "dueDate", "addedStage"];

/** Keys the approvals UI builds at run time, one per value of the shared enums and the UI's own unions. */
const families: [string, readonly string[]][] = [
  ["approvals.status", ApprovalStatus.options],
  ["approvals.stageKind", StageKind.options],
  ["approvals.stageStatus", ResolvedStage.shape.status.options],
  ["approvals.rule", StageRule.options.map((o) => o.shape.kind.value)],
  ["approvals.history", HistoryAction.options],
  ["approvals.views", VIEWS],
  ["approvals.list.empty", ApprovalBox.options],
  ["approvals.person", PERSON_STATES],
  ["approvals.detail.filing", ["none", "pending", "filed", "failed"]],
  ...(["button", "title", "body", "confirm", "done"] as const).map((k): [string, readonly string[]] => [
    `approvals.decide.${k}`,
    ACTIONS,
  ]),
  ["approvals.draft.staging", ["uploading", "failed", "done"]],
  ["approvals.draft.problem", PROBLEMS],
  ["approvals.draft.added.problem", ["label", "roles", "n"]],
  ["approvals.verify.verdict", VERDICTS],
  ["approvals.pdf.error", ["password", "invalid", "other"]],
];

describe("approvals UI strings built at run time", () => {
  it.each(families)("%s has every value in Japanese and English", (prefix, values) => {
    for (const v of values) {
      expect(lookup(ja as Tree, `${prefix}.${v}`), `ja ${prefix}.${v}`).toBeTruthy();
      expect(lookup(en as Tree, `${prefix}.${v}`), `en ${prefix}.${v}`).toBeTruthy();
    }
  });

  it("every list box of the API is a view of the tab", () => {
    for (const box of ApprovalBox.options) expect(VIEWS).toContain(box);
  });
});
