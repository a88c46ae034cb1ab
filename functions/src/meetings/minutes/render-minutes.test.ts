import { normaliseForMatch } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { extractPageTexts } from "../text/extract-text.js";
import { type MinutesDocument, meetingWhen, renderMinutesPdf, warekiDate } from "./render-minutes.js";

const doc = (over: Partial<MinutesDocument> = {}): MinutesDocument => ({
  schoolName: "青葉中学校",
  title: "令和8年度 第9回 職員会議",
  type: "staffMeeting",
  startsAt: "2026-12-01T06:30:00.000Z",
  endsAt: "2026-12-01T07:30:00.000Z",
  place: "会議室",
  chair: { oid: "c", name: "小島 智子" },
  attendees: [
    { oid: "a", name: "伊藤 綾" },
    { oid: "b", name: "田中 誠" },
  ],
  agenda: [{ id: "a1", title: "運動会の反省", presenterName: "伊藤 綾" }],
  minutes: {
    items: [{ agendaItemId: "a1", discussion: "雨天時の連絡が遅れた。", decisions: "連絡網を見直す。" }],
    actionItems: [
      {
        id: "x1",
        title: "連絡網の改訂案を作る",
        assigneeOid: "b",
        assigneeName: "田中 誠",
        dueDate: "2026-12-10",
        done: false,
        doneAt: null,
      },
    ],
    other: "",
  },
  recorderName: "小島 智子",
  ...over,
});

describe("renderMinutesPdf", () => {
  it("writes the title, JST 和暦 date, attendees, the agenda's minutes and the action items table", async () => {
    const pages = await extractPageTexts(await renderMinutesPdf(doc()));
    const text = normaliseForMatch(pages.join("\n"));
    for (const expected of [
      "議事録",
      "令和8年度第9回職員会議",
      "令和8年12月1日15:30〜16:30",
      "伊藤綾、田中誠(2名)",
      "雨天時の連絡が遅れた。",
      "連絡網を見直す。",
      "連絡網の改訂案を作る",
      "令和8年12月10日",
      "1/1",
    ])
      expect(text).toContain(expected);
  });

  it("continues on numbered pages when the minutes are long", async () => {
    const long = "協議の記録。".repeat(400);
    const pdf = await renderMinutesPdf(
      doc({
        minutes: { items: [{ agendaItemId: "a1", discussion: long, decisions: "" }], actionItems: [], other: "" },
      }),
    );
    const pages = await extractPageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(normaliseForMatch(pages.at(-1) ?? "")).toContain(`${pages.length}/${pages.length}`);
  });

  it("dates in 和暦", () => {
    expect(warekiDate("2027-03-31")).toBe("令和9年3月31日");
    expect(meetingWhen("2026-12-01T14:30:00.000Z", "2026-12-01T15:30:00.000Z")).toBe(
      "令和8年12月1日 23:30〜令和8年12月2日 00:30",
    );
  });
});
