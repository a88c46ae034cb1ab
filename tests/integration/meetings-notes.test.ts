/**
 * Meetings: page text and private notes through the real API host and the local tenant. A chair
 * (教務主任) makes a meeting with a two-page PDF made with pdf-lib; attendees read the page text,
 * keep notes only they can see (the chair gets only their own), a note on page 9 is refused with
 * nothing saved, and after the chair replaces the material (text moved to page 2, another text
 * gone) the meetings.reanchor effect moves one note and flags the other — none lost.
 */
import { textPdf } from "@komu/functions/meetings/text/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { normaliseForMatch } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type Json } from "../support/api-client.js";
import { untilMaterialReady } from "../support/meetings.js";
import { startTestPlatform } from "../support/platform.js";

const SCHOOL = "aoba-e";
const base = `/api/schools/${SCHOOL}/meetings`;
let platform: RunningPlatform;
const users = {
  chair: KNOWN_USERS.aobaHeadTeacher,
  teacher: KNOWN_USERS.aobaTeacher,
  nurse: KNOWN_USERS.aobaNurse,
  clerk: KNOWN_USERS.aobaClerk,
};
const client = apiClient(() => platform, users);
const { call } = client;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  await client.signIn();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

const readyMeeting = (meetingId: string, materialId: string, version: number) =>
  untilMaterialReady(() => call("chair", "GET", `${base}/${meetingId}`), materialId, version);

const V1 = [
  ["運動会の実施について", "雨天の場合は翌日に延期する。"],
  ["係分担", "放送係は六年一組が担当する。"],
];
const V2 = [["運動会の実施について（改訂）", "表紙"], ["雨天の場合は翌日に延期する。"]];

let meetingId = "";
let materialId = "";

describe("page text and private notes", () => {
  it("a chair's meeting with a two-page PDF: attendees read each page's text; other staff may not", async () => {
    const created = await call("chair", "POST", base, {
      type: "staffMeeting",
      title: "第9回 職員会議",
      startsAt: "2026-12-01T06:30:00.000Z",
      endsAt: "2026-12-01T07:30:00.000Z",
      place: "会議室",
      online: false,
      attendees: { people: [users.teacher.id, users.nurse.id] },
      agenda: [{ id: "a1", title: "運動会", minutes: 30 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.id;
    const uploadId = await client.uploadId("chair", await textPdf(V1), "運動会.pdf");
    const added = await call(
      "chair",
      "POST",
      `${base}/${meetingId}/materials`,
      { uploadId, title: "運動会実施要項", classification: "III", agendaItemId: "a1" },
      { "if-match": created.etag ?? "" },
    );
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    materialId = added.body.materials[0].id;
    const ready = await readyMeeting(meetingId, materialId, 1);
    // Attendees see a meeting once it is distributed.
    const distributed = await call("chair", "POST", `${base}/${meetingId}/distribute`, undefined, {
      "if-match": ready.etag ?? "",
    });
    expect(distributed.status, JSON.stringify(distributed.body)).toBe(200);

    const text = await call("teacher", "GET", `${base}/${meetingId}/materials/${materialId}/text`);
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(text.body.version).toBe(1);
    expect(text.body.pages).toHaveLength(2);
    expect(normaliseForMatch(text.body.pages[0])).toContain("雨天の場合は翌日に延期する。");
    expect(normaliseForMatch(text.body.pages[1])).toContain("放送係は六年一組が担当する。");
    const outsider = await call("clerk", "GET", `${base}/${meetingId}/materials/${materialId}/text`);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe("MEETING_NOT_ATTENDEE");
  });

  it("notes are private: the other attendee and the chair get only their own", async () => {
    const path = `${base}/${meetingId}/materials/${materialId}/notes`;
    const empty = await call("teacher", "GET", path);
    expect(empty.status).toBe(200);
    expect(empty.body.notes).toEqual([]);
    const saved = await call("teacher", "PUT", path, {
      notes: [
        {
          id: "n001",
          kind: "highlight",
          anchor: { page: 1, quote: "雨天の場合は翌日に延期する", prefix: "", suffix: "" },
          text: "校長に確認",
        },
        {
          id: "n002",
          kind: "note",
          anchor: { page: 2, quote: "放送係は六年一組が担当する", prefix: "", suffix: "" },
          text: "放送機材の点検",
        },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.notes.map((n: Json) => [n.id, n.state, n.version])).toEqual([
      ["n001", "anchored", 1],
      ["n002", "anchored", 1],
    ]);
    const nurse = await call("nurse", "PUT", path, {
      notes: [{ id: "k001", kind: "note", anchor: { page: 1 }, text: "保健係の分担" }],
    });
    expect(nurse.status).toBe(200);
    expect((await call("nurse", "GET", path)).body.notes.map((n: Json) => n.text)).toEqual(["保健係の分担"]);
    expect((await call("chair", "GET", path)).body.notes).toEqual([]);
    expect((await call("teacher", "GET", path)).body.notes).toHaveLength(2);
    // A second save needs the ETag; a stale one is refused.
    const again = await call("teacher", "PUT", path, { notes: [] });
    expect(again.status).toBe(428);
    const stale = await call("teacher", "PUT", path, { notes: [] }, { "if-match": nurse.etag ?? "x" });
    expect(stale.status).toBe(412);
    expect((await call("teacher", "GET", path)).body.notes).toHaveLength(2);
  });

  it("a note on page 9 of a 2-page PDF is refused with MEETING_NOTE_PAGE_MISSING and nothing is saved", async () => {
    const path = `${base}/${meetingId}/materials/${materialId}/notes`;
    const before = await call("teacher", "GET", path);
    const refused = await call(
      "teacher",
      "PUT",
      path,
      {
        notes: [
          ...before.body.notes.map((n: Json) => ({ id: n.id, kind: n.kind, anchor: n.anchor, text: "変更" })),
          { id: "n009", kind: "note", anchor: { page: 9 }, text: "9ページ" },
        ],
      },
      { "if-match": before.etag ?? "" },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("MEETING_NOTE_PAGE_MISSING");
    expect(refused.body.error.details).toMatchObject({ pages: 2, notes: [{ id: "n009", page: 9 }] });
    const after = await call("teacher", "GET", path);
    expect(after.etag).toBe(before.etag);
    expect(after.body.notes.map((n: Json) => n.text)).toEqual(["校長に確認", "放送機材の点検"]);
  });

  it("a note survives the chair replacing the material: moved to page 2, the vanished one orphaned with its text", async () => {
    const current = await call("chair", "GET", `${base}/${meetingId}`);
    const uploadId = await client.uploadId("chair", await textPdf(V2), "運動会v2.pdf");
    const replaced = await call(
      "chair",
      "PUT",
      `${base}/${meetingId}/materials/${materialId}/content`,
      { uploadId, changeNote: "雨天時の扱いを2ページ目へ" },
      { "if-match": current.etag ?? "" },
    );
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    await readyMeeting(meetingId, materialId, 2);
    // The meetings.reanchor effect (inline, or the worker) carries every row: no GET is needed for it.
    const { notesRepo, notesRowId } = await import("@komu/functions/meetings/notes/entity");
    const { reanchorNotes } = await import("@komu/functions/meetings/notes/carry-effect");
    const deps = platform.deps.meetings;
    if (!deps) throw new Error("meetings not wired");
    const rowId = notesRowId(meetingId, materialId, users.teacher.id);
    let stored = await notesRepo(deps.storage).get(SCHOOL, rowId);
    for (let i = 0; i < 100 && stored?.data.version !== 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await notesRepo(deps.storage).get(SCHOOL, rowId);
    }
    expect(stored?.data.version).toBe(2);
    expect(stored?.data.notes.map((n) => n.state)).toEqual(["moved", "orphaned"]);
    // Idempotent: running the effect again changes nothing.
    expect(await reanchorNotes(deps, { schoolId: SCHOOL, meetingId, materialId, version: 2 })).toBe(0);
    expect((await notesRepo(deps.storage).get(SCHOOL, rowId))?.etag).toBe(stored?.etag);

    const notes = await call("teacher", "GET", `${base}/${meetingId}/materials/${materialId}/notes`);
    expect(notes.body.version).toBe(2);
    expect(
      notes.body.notes.map((n: Json) => [n.id, n.state, n.anchor.page, n.previousPage, n.version, n.text]),
    ).toEqual([
      ["n001", "moved", 2, 1, 2, "校長に確認"],
      ["n002", "orphaned", 2, 2, 2, "放送機材の点検"],
    ]);
    expect(notes.body.notes[1].anchor.quote).toBe("放送係は六年一組が担当する");
    const nurse = await call("nurse", "GET", `${base}/${meetingId}/materials/${materialId}/notes`);
    expect(nurse.body.notes.map((n: Json) => [n.id, n.state, n.version])).toEqual([["k001", "anchored", 2]]);
    const text = await call("nurse", "GET", `${base}/${meetingId}/materials/${materialId}/text`);
    expect(text.body.version).toBe(2);
    expect(normaliseForMatch(text.body.pages[1])).toContain("雨天の場合は翌日に延期する。");
  });

  it("a flagged note stays flagged when saved back as it is, and is anchored again once its owner places it", async () => {
    const path = `${base}/${meetingId}/materials/${materialId}/notes`;
    const current = await call("teacher", "GET", path);
    const back = current.body.notes.map((n: Json) => ({
      id: n.id,
      kind: n.kind,
      anchor: n.anchor,
      text: n.text,
      color: n.color,
    }));
    const same = await call("teacher", "PUT", path, { notes: back }, { "if-match": current.etag ?? "" });
    expect(same.status).toBe(200);
    expect(same.body.notes.map((n: Json) => n.state)).toEqual(["moved", "orphaned"]);
    const placed = await call(
      "teacher",
      "PUT",
      path,
      {
        notes: [
          back[0],
          {
            ...back[1],
            anchor: { page: 1, quote: "運動会の実施について", prefix: "", suffix: "" },
            text: "放送は不要に",
          },
        ],
      },
      { "if-match": same.etag ?? "" },
    );
    expect(placed.status).toBe(200);
    expect(placed.body.notes.map((n: Json) => [n.id, n.state, n.anchor.page, n.previousPage])).toEqual([
      ["n001", "moved", 2, 1],
      ["n002", "anchored", 1, null],
    ]);
    expect(placed.body.notes[1].createdAt).toBe(current.body.notes[1].createdAt);
  });
});
