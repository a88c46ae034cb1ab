import { describe, expect, it } from "vitest";
import { agendaProblem, MeetingInput } from "./meeting.js";
import { anchorFromSelection, carryNotes, type Note, reanchor } from "./notes.js";

const v1 = [
  "令和8年度 第3回 職員会議 資料1 運動会の実施について 雨天の場合は翌日に延期する。",
  "係分担 放送係は 6年1組 が担当する。 準備は前日 15時から。",
];

describe("reanchor", () => {
  it("keeps a note on its page when the text is still there, even re-spaced", () => {
    const anchor = anchorFromSelection(
      v1[1] as string,
      2,
      v1[1]?.indexOf("準備は前日") ?? 0,
      (v1[1]?.indexOf("準備は前日") ?? 0) + 5,
    );
    const v2 = ["表紙", "係分担　放送係は６年１組が担当する。準備は 前日 15時から。"];
    expect(reanchor(anchor, v2)).toEqual({ anchor, state: "anchored", previousPage: null });
  });

  it("follows text that moved to another page and flags text that vanished", () => {
    const anchor = { page: 1, quote: "雨天の場合は翌日に延期する", prefix: "", suffix: "" };
    const moved = reanchor(anchor, ["新しい表紙", "目次", "運動会 雨天の場合は 翌日に延期する。"]);
    expect(moved).toMatchObject({ state: "moved", previousPage: 1, anchor: { page: 3 } });
    const gone = reanchor({ ...anchor, page: 2 }, ["雨天時は中止する。"]);
    expect(gone).toMatchObject({ state: "orphaned", previousPage: 2, anchor: { page: 1, quote: anchor.quote } });
  });

  it("uses the prefix and suffix to choose between repeated quotes", () => {
    const page = "A組は体育館へ。B組は校庭へ。C組は体育館へ。";
    const second = page.lastIndexOf("体育館へ");
    const anchor = anchorFromSelection(page, 1, second, second + 4);
    const r = reanchor(anchor, [page]);
    expect(r.state).toBe("anchored");
    expect(anchor.prefix.endsWith("C組は")).toBe(true);
  });

  it("flags a page note whose page no longer exists and clamps it", () => {
    expect(reanchor({ page: 5, quote: "", prefix: "", suffix: "" }, ["a", "b"])).toMatchObject({
      state: "orphaned",
      anchor: { page: 2 },
      previousPage: 5,
    });
  });

  it("carries every older note to the new version and never drops one", () => {
    const base: Note = {
      id: "n001",
      kind: "note",
      anchor: { page: 1, quote: "運動会の実施について", prefix: "", suffix: "" },
      text: "校長に確認",
      color: "yellow",
      version: 1,
      state: "anchored",
      previousPage: null,
      createdAt: "2026-11-25T00:00:00.000Z",
      updatedAt: "2026-11-25T00:00:00.000Z",
    };
    const notes = [base, { ...base, id: "n002", anchor: { page: 2, quote: "存在しない文", prefix: "", suffix: "" } }];
    const carried = carryNotes(notes, ["表紙", "運動会の実施について"], 2, "2026-11-26T00:00:00.000Z");
    expect(carried.map((n) => [n.id, n.state, n.anchor.page, n.version, n.text])).toEqual([
      ["n001", "moved", 2, 2, "校長に確認"],
      ["n002", "orphaned", 2, 2, "校長に確認"],
    ]);
  });
});

describe("meeting input", () => {
  const base = {
    type: "staffMeeting",
    title: "職員会議",
    startsAt: "2026-12-01T06:30:00.000Z",
    endsAt: "2026-12-01T07:30:00.000Z",
    attendees: { allStaff: true },
  };
  it("refuses an agenda that overruns the meeting, with the figures", () => {
    const r = MeetingInput.safeParse({
      ...base,
      agenda: [
        { id: "a1", title: "運動会", minutes: 40 },
        { id: "a2", title: "研修", minutes: 30 },
      ],
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain("70 分");
    expect(MeetingInput.safeParse({ ...base, agenda: [{ id: "a1", title: "運動会", minutes: 60 }] }).success).toBe(
      true,
    );
  });
  it("refuses an end before the start and no attendees", () => {
    expect(agendaProblem({ startsAt: base.endsAt, endsAt: base.startsAt, agenda: [] })?.path).toEqual(["endsAt"]);
    expect(MeetingInput.safeParse({ ...base, attendees: {} }).success).toBe(false);
  });
});
