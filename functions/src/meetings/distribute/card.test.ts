import { describe, expect, it } from "vitest";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingRow } from "../entities.js";
import { meetingCard, whenText } from "./card.js";

const row = (agenda: MeetingRow["agenda"], joinUrl: string | null) =>
  ({
    id: "mt1",
    schoolId: "aoba-e",
    etag: "e",
    data: {
      type: "staffMeeting",
      title: "第8回 職員会議",
      startsAt: "2026-12-03T06:30:00.000Z",
      endsAt: "2026-12-03T07:30:00.000Z",
      place: "会議室",
      chair: { oid: "c", name: "桜井 聡" },
      joinUrl,
      agenda,
      materials: [],
    },
  }) as unknown as StoredEntity<MeetingRow>;

const item = (id: string, title: string, minutes: number, presenterName = "") => ({
  id,
  title,
  minutes,
  presenterName,
  presenterOid: null,
  materialIds: [],
  note: "",
});

describe("the meeting card", () => {
  it("shows the JST time and each agenda item; an item without presenter still renders", () => {
    expect(whenText({ startsAt: "2026-12-03T06:30:00.000Z", endsAt: "2026-12-03T07:30:00.000Z" })).toMatch(
      /12月3日.*15:30〜16:30/,
    );
    const card = meetingCard({}, row([item("a1", "運動会", 30, "伊藤"), item("a2", "成績処理", 20)], "https://t/j"));
    const text = JSON.stringify(card);
    expect(text).toContain("運動会");
    expect(text).toContain("成績処理");
    expect(text).toContain("伊藤");
    expect(text).toContain("30分");
    expect(text).toContain("https://t/j");
  });

  it("has no join button when the meeting is not online, and a notice when sent again", () => {
    const card = meetingCard({}, row([], null), "資料『x』が更新されました（第2版）");
    const text = JSON.stringify(card);
    expect(text).not.toContain("会議に参加");
    expect(text).toContain("更新されました");
  });
});
