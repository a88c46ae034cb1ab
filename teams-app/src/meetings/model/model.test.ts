import { anchorFromSelection, carryNotes, type MeetingView, type Note } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { agendaSchedule, agendaTotals, emptyRow, moveRow, newItemId, parseMinutes } from "./agenda.js";
import {
  draftNote,
  groupNotes,
  locateInSegments,
  locateQuote,
  noteMove,
  notesPut,
  searchPages,
  selectionAnchor,
} from "./anchors.js";
import { checkForm, emptyForm, formFromView, inputFromForm, type MeetingForm, problemsFromIssues } from "./form.js";
import { displayStatus, splitMeetings } from "./list.js";
import { materialsByItem, refusalOf, titleFromFileName } from "./materials.js";
import { actionItemProblems, minutesEditable, minutesForm, minutesInput, myActionItems } from "./minutes.js";
import { ReadTracker } from "./read-tracker.js";
import { addMinutes, formatMeetingTime, minutesBetween } from "./times.js";
import { meetingTabs, pickTab } from "./views.js";

const messages = { required: "必須", invalid: "不正", time: "時刻", minutes: "分", sharingDays: "日数" };

describe("JST times", () => {
  it("formats a meeting's time with the JST weekday", () => {
    expect(formatMeetingTime("2026-12-01T06:30:00.000Z", "2026-12-01T08:00:00.000Z", "ja")).toBe(
      "2026/12/01（火）15:30–17:00",
    );
    expect(formatMeetingTime("2026-11-30T23:00:00.000Z", "2026-12-01T00:00:00.000Z", "en")).toBe(
      "Tue 2026-12-01 08:00–09:00",
    );
  });
  it("adds minutes and measures a span", () => {
    expect(addMinutes("15:30", 45)).toBe("16:15");
    expect(minutesBetween("15:30", "17:00")).toBe(90);
    expect(minutesBetween("17:00", "15:30")).toBe(-90);
    expect(minutesBetween("x", "15:30")).toBeNull();
  });
});

describe("agenda", () => {
  const rows = [{ minutes: "30" }, { minutes: "４５" }, { minutes: "20" }];
  it("totals the items against the meeting's length and reports the overrun", () => {
    expect(agendaTotals(rows, "15:30", "17:00")).toEqual({ total: 95, length: 90, overrun: 5 });
    expect(agendaTotals(rows, "15:30", "17:30")).toEqual({ total: 95, length: 120, overrun: 0 });
    expect(agendaTotals(rows, "17:00", "15:30")).toEqual({ total: 95, length: null, overrun: 0 });
  });
  it("schedules each item from the start", () => {
    expect(agendaSchedule(rows, "15:30")).toEqual([
      { from: "15:30", to: "16:00" },
      { from: "16:00", to: "16:45" },
      { from: "16:45", to: "17:05" },
    ]);
  });
  it("parses minutes (full-width too) and refuses zero, text and too long", () => {
    expect(parseMinutes("１５")).toBe(15);
    expect(parseMinutes("0")).toBeNull();
    expect(parseMinutes("10分")).toBeNull();
    expect(parseMinutes("481")).toBeNull();
  });
  it("moves items up and down and leaves out-of-range moves alone", () => {
    expect(moveRow(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveRow(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveRow(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
  it("makes ids the schema accepts and never reuses one", () => {
    let n = 0;
    const seq = [0.5, 0.5, 0.25];
    const id = newItemId(
      [
        "a" +
          Math.floor(0.5 * 36 ** 6)
            .toString(36)
            .padStart(6, "0"),
      ],
      () => seq[n++] as number,
    );
    expect(id).toMatch(/^[a-z0-9]{1,16}$/);
    expect(n).toBe(3);
    expect(emptyRow([]).id).toMatch(/^[a-z0-9]{1,16}$/);
  });
});

const baseForm = (): MeetingForm => ({
  ...emptyForm("2026-12-01"),
  title: "12月職員会議",
  place: "職員室",
  agenda: [
    {
      id: "a1",
      title: "行事予定",
      presenterOid: "o1",
      presenterName: "教頭",
      minutes: "30",
      materialIds: ["mat1"],
      note: "",
    },
    { id: "a2", title: "生徒指導", presenterOid: null, presenterName: "", minutes: "60", materialIds: [], note: "" },
  ],
});

describe("meeting form ↔ MeetingInput", () => {
  it("sends JST times as UTC and the attendees spec", () => {
    const input = inputFromForm({
      ...baseForm(),
      allStaff: false,
      roles: ["teacher"],
      people: [{ oid: "p1", name: "A" }],
    });
    expect(input.startsAt).toBe("2026-12-01T06:30:00.000Z");
    expect(input.endsAt).toBe("2026-12-01T08:00:00.000Z");
    expect(input.attendees).toEqual({ allStaff: false, roles: ["teacher"], people: ["p1"] });
    expect(input.agenda?.[0]).toMatchObject({ id: "a1", minutes: 30, materialIds: ["mat1"] });
    expect(input.confidentialSharingDays).toBe(14);
  });
  it("passes the shared schema when the agenda fits", () => {
    expect(checkForm(baseForm(), "ja", messages).problems.size).toBe(0);
  });
  it("reports the agenda overrunning the meeting with the shared message", () => {
    const form = baseForm();
    form.end = "16:30";
    const { problems } = checkForm(form, "ja", messages);
    expect(problems.get("agenda")).toContain("90 分");
    expect(problems.get("agenda")).toContain("60 分");
    expect(checkForm(form, "en", messages).problems.get("agenda")).toMatch(/^The agenda takes 90 minutes/);
  });
  it("reports fields: end before start, empty title, bad minutes, no attendees, bad days", () => {
    const form = { ...baseForm(), title: " ", end: "15:00", allStaff: false, sharingDays: "x" };
    form.agenda = [{ ...(form.agenda[0] as MeetingForm["agenda"][number]), minutes: "abc" }];
    const { problems } = checkForm(form, "ja", messages);
    expect(problems.get("title")).toBe("必須");
    expect(problems.get("end")).toBe("終了時刻は開始時刻より後にしてください。");
    expect(problems.get("agenda.0.minutes")).toBe("分");
    expect(problems.get("attendees")).toBe("出席者を指定してください");
    expect(problems.get("sharingDays")).toBe("日数");
  });
  it("round-trips a meeting view", () => {
    const input = inputFromForm(baseForm());
    const view = {
      type: input.type,
      title: input.title,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      place: "職員室",
      online: true,
      attendeeSpec: { allStaff: false, roles: [], people: ["o1"] },
      attendees: [{ oid: "o1", name: "青葉 教頭" }],
      agenda: input.agenda,
      confidentialSharingDays: 7,
    } as unknown as MeetingView;
    const form = formFromView(view);
    expect(form.date).toBe("2026-12-01");
    expect(form.start).toBe("15:30");
    expect(form.end).toBe("17:00");
    expect(form.people).toEqual([{ oid: "o1", name: "青葉 教頭" }]);
    expect(form.agenda[0]?.minutes).toBe("30");
    expect(form.sharingDays).toBe("7");
  });
  it("maps server issues to the form's fields", () => {
    const p = problemsFromIssues(
      {
        issues: [
          { path: ["startsAt"], message: "開始 / Start" },
          { path: ["agenda", 1, "title"], message: "題 / Title" },
          { path: ["attendees", "people", 0], message: "学校外 / Outside" },
        ],
      },
      "en",
    );
    expect(p.get("start")).toBe("Start");
    expect(p.get("agenda.1.title")).toBe("Title");
    expect(p.get("attendees")).toBe("Outside");
  });
});

describe("notes anchoring helpers", () => {
  const page = "第1章　運営方針\n本年度の重点目標は 読書活動の充実 です。";
  it("finds a selection in the page text despite spaces, line breaks and full-width letters", () => {
    const at = locateQuote(page, "重点目標は読書活動");
    expect(at).not.toBeNull();
    expect(page.slice(at?.start, at?.end)).toBe("重点目標は 読書活動");
    expect(locateQuote("ＡＢＣ def", "abc")).toBeNull();
    expect(locateQuote("ＡＢＣ def", "ABCdef")).toEqual({ start: 0, end: 7 });
  });
  it("builds the anchor the shared reanchoring understands, so a note follows its text to another page", () => {
    const anchor = selectionAnchor(page, 1, "読書活動の充実");
    expect(anchor).toEqual(anchorFromSelection(page, 1, page.indexOf("読書活動"), page.indexOf("読書活動") + 7));
    const note = draftNote(
      "highlight",
      anchor as NonNullable<typeof anchor>,
      1,
      "2026-12-01T00:00:00.000Z",
      "",
      "n0001",
    );
    const [moved] = carryNotes([note], ["表紙", page], 2, "2026-12-02T00:00:00.000Z");
    expect(moved?.state).toBe("moved");
    expect(noteMove(moved as Note)).toEqual({ version: 2, from: 1, to: 2 });
  });
  it("keeps a selection the page text does not have as a bare quote, and ignores empty selections", () => {
    expect(selectionAnchor(page, 2, " 別の文 ")).toEqual({ page: 2, quote: "別の文", prefix: "", suffix: "" });
    expect(selectionAnchor(page, 2, "  ")).toBeNull();
  });
  it("locates a quote across text layer spans", () => {
    expect(locateInSegments(["本年度の", "重点目標は ", "読書活動"], "目標は読書")).toEqual({
      startNode: 1,
      startOffset: 2,
      endNode: 2,
      endOffset: 2,
    });
    expect(locateInSegments(["abc"], "zz")).toBeNull();
  });
  it("groups notes by page with orphaned ones apart (never hidden)", () => {
    const mk = (id: string, page: number, state: Note["state"], at: string): Note => ({
      ...draftNote("note", { page, quote: "", prefix: "", suffix: "" }, 2, at, id, id),
      state,
    });
    const g = groupNotes([
      mk("n003", 3, "anchored", "2026-01-02T00:00:00.000Z"),
      mk("n001", 1, "moved", "2026-01-01T00:00:00.000Z"),
      mk("n002", 3, "anchored", "2026-01-01T00:00:00.000Z"),
      mk("n004", 2, "orphaned", "2026-01-01T00:00:00.000Z"),
    ]);
    expect(g.pages.map(([p, list]) => [p, list.map((n) => n.id)])).toEqual([
      [1, ["n001"]],
      [3, ["n002", "n003"]],
    ]);
    expect(g.orphaned.map((n) => n.id)).toEqual(["n004"]);
    expect(notesPut(g.orphaned).notes[0]).toEqual({
      id: "n004",
      kind: "note",
      anchor: { page: 2, quote: "", prefix: "", suffix: "" },
      text: "n004",
      color: "yellow",
    });
  });
  it("searches pages ignoring spacing and returns snippets", () => {
    const hits = searchPages(["表紙", page, "読書 活動 報告"], "読書活動");
    expect(hits.map((h) => h.page)).toEqual([2, 3]);
    expect(hits[0]?.snippet).toContain("読書活動の充実");
    expect(hits[1]?.match).toBe("読書 活動"); // the page's own text, to anchor a highlight on
    expect(searchPages(["a"], "  ")).toEqual([]);
  });
});

describe("read reporting", () => {
  it("counts a page after 1 s in view and reports at most every 3 s", () => {
    const r = new ReadTracker(1000, 3000);
    r.show(1, 0);
    expect(r.due(500)).toEqual([]);
    r.show(2, 900); // page 1 shown 0.9 s: not seen
    expect(r.due(2000)).toEqual([2]);
    r.show(3, 2100);
    r.show(4, 3200); // page 3 seen (1.1 s)
    expect(r.due(3300)).toEqual([]); // within 3 s of the last report
    expect(r.due(5000)).toEqual([3, 4]);
    r.show(2, 9000);
    expect(r.due(12000)).toEqual([]); // page 2 already reported
  });
  it("puts failed reports back and stops counting while hidden", () => {
    const r = new ReadTracker(1000, 3000);
    r.show(5, 0);
    r.show(null, 10_000);
    expect(r.due(10_000)).toEqual([5]);
    r.retry([5]);
    expect(r.due(12_000)).toEqual([]);
    expect(r.due(13_000)).toEqual([5]);
    r.show(6, 13_500);
    r.show(null, 15_000);
    expect(r.due(15_000)).toEqual([]); // within 3 s of the last report
    expect(r.due(15_000, true)).toEqual([6]); // leaving: sent regardless
  });
});

const view = (over: Partial<MeetingView> = {}): MeetingView =>
  ({
    status: "distributed",
    endsAt: "2026-12-01T08:00:00.000Z",
    agenda: [
      {
        id: "a1",
        title: "行事",
        presenterOid: null,
        presenterName: "",
        minutes: 10,
        materialIds: ["m2", "m1"],
        note: "",
      },
      { id: "a2", title: "指導", presenterOid: null, presenterName: "", minutes: 10, materialIds: [], note: "" },
    ],
    materials: [{ id: "m1" }, { id: "m2" }, { id: "m3" }],
    minutes: {
      recorderOid: null,
      items: [{ agendaItemId: "a2", discussion: "話し合った", decisions: "決めた" }],
      actionItems: [
        {
          id: "t1",
          title: "集計",
          assigneeOid: "me",
          assigneeName: "私",
          dueDate: "2026-12-10",
          done: false,
          doneAt: null,
        },
        {
          id: "t2",
          title: "連絡",
          assigneeOid: "other",
          assigneeName: "他",
          dueDate: "2026-12-10",
          done: false,
          doneAt: null,
        },
      ],
      other: "",
      approvalId: null,
      status: "draft",
    },
    abilities: { manage: false, recordMinutes: false, readStatus: false },
    ...over,
  }) as unknown as MeetingView;

describe("minutes", () => {
  it("pre-fills one block per agenda item, keeping saved text", () => {
    const f = minutesForm(view());
    expect(f.items.map((i) => [i.agendaItemId, i.title, i.discussion])).toEqual([
      ["a1", "行事", ""],
      ["a2", "指導", "話し合った"],
    ]);
    expect(minutesInput(f).actionItems.map((a) => a.id)).toEqual(["t1", "t2"]);
  });
  it("checks action items and finds mine", () => {
    const f = minutesForm(view());
    f.actionItems.push({ id: "t3", title: "", assigneeOid: "", assigneeName: "", dueDate: "" });
    const p = actionItemProblems(f, { required: "r", assignee: "a", date: "d" });
    expect([...p.keys()]).toEqual(["actionItems.2.title", "actionItems.2.assigneeOid", "actionItems.2.dueDate"]);
    expect(myActionItems(view(), "me").map((a) => a.id)).toEqual(["t1"]);
  });
  it("is editable by the recorder while a draft or returned", () => {
    const abilities = { manage: false, recordMinutes: true, readStatus: false };
    expect(minutesEditable(view({ abilities }))).toBe(true);
    expect(minutesEditable(view())).toBe(false);
    const submitted = view({ abilities });
    submitted.minutes.status = "submitted";
    expect(minutesEditable(submitted)).toBe(false);
  });
});

describe("lists, materials and tabs", () => {
  const s = (id: string, startsAt: string, endsAt: string, status = "distributed") =>
    ({ id, startsAt, endsAt, status }) as never;
  it("splits upcoming (soonest first) from past (latest first)", () => {
    const now = new Date("2026-12-01T07:00:00.000Z");
    const { upcoming, past } = splitMeetings(
      [
        s("late", "2026-12-10T06:00:00.000Z", "2026-12-10T07:00:00.000Z"),
        s("now", "2026-12-01T06:30:00.000Z", "2026-12-01T08:00:00.000Z"),
        s("old", "2026-11-01T06:00:00.000Z", "2026-11-01T07:00:00.000Z"),
        s("older", "2026-10-01T06:00:00.000Z", "2026-10-01T07:00:00.000Z"),
      ],
      now,
    );
    expect(upcoming.map((m) => m.id)).toEqual(["now", "late"]);
    expect(past.map((m) => m.id)).toEqual(["old", "older"]);
    expect(displayStatus(s("x", "", "2026-11-01T07:00:00.000Z"), now)).toBe("held");
    expect(displayStatus(s("x", "", "2026-11-01T07:00:00.000Z", "draft"), now)).toBe("draft");
  });
  it("lists materials per agenda item in the item's order, and the unattached", () => {
    const v = view();
    const { byItem, unattached } = materialsByItem(v.agenda, v.materials);
    expect(byItem.get("a1")?.map((m) => m.id)).toEqual(["m2", "m1"]);
    expect(byItem.get("a2")).toEqual([]);
    expect(unattached.map((m) => m.id)).toEqual(["m3"]);
  });
  it("names refusals and titles", () => {
    expect(refusalOf("PDF_ENCRYPTED")).toBe("PDF_ENCRYPTED");
    expect(refusalOf("STALE_ETAG")).toBeNull();
    expect(titleFromFileName("12月 行事予定.pdf")).toBe("12月 行事予定");
  });
  it("shows chairs' tabs only to chairs", () => {
    expect(meetingTabs(view())).toEqual(["agenda", "minutes"]);
    const chair = view({ abilities: { manage: true, recordMinutes: true, readStatus: true } });
    expect(meetingTabs(chair)).toEqual(["agenda", "materials", "edit", "read", "minutes"]);
    expect(pickTab("read", meetingTabs(view()))).toBe("agenda");
    expect(pickTab("minutes", meetingTabs(view()))).toBe("minutes");
  });
});
