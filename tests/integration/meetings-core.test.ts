/**
 * Meetings core through the real API host and the local tenant: creating (agenda overrun, an
 * attendee of another school), materials (PDF and docx; encrypted, disguised and someone else's
 * uploads refused with nothing in SharePoint), distribution to 20 attendees of aoba-e (one card
 * each, one calendar event with a join link even when retried, ONE invite per shared subfolder,
 * attendees read through Graph with their own token, others cannot), a replacement (same drive
 * item, two versions, one update card each, stale ETag 412), read status and cancelling.
 */
import { encryptedPdf } from "@komu/functions/approvals/pdf/testing";
import { runSharingExpiry } from "@komu/functions/meetings/after/sharing-expiry";
import { meetingsRepos } from "@komu/functions/meetings/entities";
import { textPdf } from "@komu/functions/meetings/text/testing";
import { docxBytes } from "@komu/functions/records/staging/test-files";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type Json } from "../support/api-client.js";
import { cardMessages, cardText } from "../support/approval-cards.js";
import { untilMaterialReady } from "../support/meetings.js";
import { startTestPlatform } from "../support/platform.js";
import { solidPng } from "../support/png.js";

const SCHOOL = "aoba-e";
const base = `/api/schools/${SCHOOL}/meetings`;
const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
let platform: RunningPlatform;
const users = {
  chair: KNOWN_USERS.aobaHeadTeacher,
  gradeHead: KNOWN_USERS.aobaTeacher,
  nurse: KNOWN_USERS.aobaNurse,
  clerk: KNOWN_USERS.aobaClerk,
  principal: KNOWN_USERS.aobaPrincipal,
  vice: KNOWN_USERS.aobaVicePrincipal,
  // A teacher (図書担当) who is neither chair nor overseer, nor invited to the small meeting.
  other: { upn: "hiroshi.matsuda@aoba-edu.example" },
};
type Who = keyof typeof users;
const client = apiClient(() => platform, users);
const { call, upload, uploadId, tokens } = client;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  await client.signIn();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

const untilReady = (meetingId: string, materialId: string, version: number) =>
  untilMaterialReady(() => call("chair", "GET", `${base}/${meetingId}`), materialId, version);

const row = async (meetingId: string) => {
  const r = await meetingsRepos(platform.deps.storage).meetings.get(SCHOOL, meetingId);
  if (!r) throw new Error("no meeting row");
  return r.data;
};

const graphGet = async (path: string): Promise<Json> => platform.deps.graph.app.api(path).get();

/** The caller's delegated Graph token, as Kōmu gets it: on-behalf-of their API token. */
async function graphTokenOf(who: Who): Promise<string> {
  const { config, tenant } = platform;
  const res = await fetch(`${tenant.origin}/${config.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      client_id: config.clientId,
      client_secret: config.clientSecret,
      assertion: tokens[who] ?? "",
      scope: GRAPH_DEFAULT,
      requested_token_use: "on_behalf_of",
    }),
  });
  if (!res.ok) throw new Error(`on-behalf-of for ${who} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function graphReadAs(who: Who, driveId: string, itemId: string): Promise<number> {
  const res = await fetch(`${platform.tenant.origin}/v1.0/drives/${driveId}/items/${itemId}/content`, {
    headers: { authorization: `Bearer ${await graphTokenOf(who)}` },
  });
  await res.arrayBuffer();
  return res.status;
}

/** Every file below a folder (by path), recursively: names relative to it. */
async function filesBelow(driveId: string, path: string): Promise<string[]> {
  const enc = path.split("/").map(encodeURIComponent).join("/");
  const out: string[] = [];
  const list = (await graphGet(`/drives/${driveId}/root:/${enc}:/children`)) as Json;
  for (const item of list.value as Json[]) {
    if (item.folder) out.push(...(await filesBelow(driveId, `${path}/${item.name}`)).map((n) => `${item.name}/${n}`));
    else out.push(item.name);
  }
  return out.sort();
}

async function idsOfGroup(nickname: string): Promise<{ id: string; members: string[] }> {
  const groups = (await graphGet(`/groups?$filter=mailNickname eq '${nickname}'&$select=id`)) as Json;
  const id = groups.value[0].id as string;
  const members = (await graphGet(`/groups/${id}/members?$select=id&$top=999`)) as Json;
  return { id, members: (members.value as Json[]).map((m) => m.id as string) };
}

const meetingCards = (oid: string, meetingId: string) =>
  cardMessages(platform, oid).filter((m) => cardText(m.card).includes(meetingId));

const START = "2026-12-03T06:30:00.000Z"; // 15:30 JST
const END = "2026-12-03T07:30:00.000Z";

let meetingId = "";
let etag = "";
let pdfId = "";
let docxId = "";
let confidentialId = "";
let secretId = "";
let attendees: string[] = [];
let groupIds: string[] = [];

describe("creating a meeting", () => {
  it("refuses an agenda overrunning the meeting (400 with the minutes) and an attendee of another school (422)", async () => {
    const over = await call("chair", "POST", base, {
      type: "staffMeeting",
      title: "長すぎる会議",
      startsAt: START,
      endsAt: END,
      place: "会議室",
      attendees: { roles: ["teacher"] },
      agenda: [
        { id: "a1", title: "運動会", minutes: 40 },
        { id: "a2", title: "学習発表会", minutes: 30 },
      ],
    });
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.body.error)).toContain("70 分");
    expect(JSON.stringify(over.body.error)).toContain("60 分");

    const outsider = KNOWN_USERS.aobaJuniorTeacher;
    const outside = await call("chair", "POST", base, {
      type: "staffMeeting",
      title: "他校の人",
      startsAt: START,
      endsAt: END,
      place: "会議室",
      attendees: { people: [users.nurse.id, outsider.id] },
      agenda: [],
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe("MEETING_ATTENDEE_OUTSIDE_SCHOOL");
    expect(outside.body.error.details.people.map((p: Json) => p.oid)).toEqual([outsider.id]);
    expect(outside.body.error.message.ja).toContain(outside.body.error.details.people[0].name);

    // A teacher without meeting.manage cannot create one.
    const refused = await call("other", "POST", base, {
      type: "staffMeeting",
      title: "x",
      startsAt: START,
      endsAt: END,
      place: "x",
      attendees: { roles: ["teacher"] },
      agenda: [],
    });
    expect(refused.status).toBe(403);
    expect((await call("chair", "GET", `${base}?fiscalYear=2026`)).body.items).toHaveLength(0);
  });

  it("creates a draft for teachers, the nurse and the clerks (20 attendees)", async () => {
    const created = await call("chair", "POST", base, {
      type: "staffMeeting",
      title: "第8回 職員会議",
      startsAt: START,
      endsAt: END,
      place: "会議室",
      online: true,
      attendees: { roles: ["teacher", "nurse", "clerk"] },
      agenda: [
        { id: "a1", title: "運動会の実施について", minutes: 30, presenterName: "桜井" },
        { id: "a2", title: "成績処理の日程", minutes: 20 },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.id;
    etag = created.etag ?? "";
    expect(created.body.status).toBe("draft");
    attendees = created.body.attendees.map((a: Json) => a.oid);
    const groups = await Promise.all(["teacher", "nurse", "clerk"].map((r) => idsOfGroup(`komu-${SCHOOL}-${r}`)));
    groupIds = groups.map((g) => g.id);
    expect(new Set(attendees)).toEqual(new Set(groups.flatMap((g) => g.members)));
    expect(attendees).toHaveLength(20);
    expect(attendees).not.toContain(users.principal.id);
  });
});

describe("materials", () => {
  it("a PDF (III), a docx (IV) and a class II PDF go to 資料/ and 取扱注意/ of the meeting folder", async () => {
    const add = async (bytes: Uint8Array, name: string, title: string, classification: string, type?: string) => {
      const id = await uploadId("chair", bytes, name, type);
      const r = await call("chair", "POST", `${base}/${meetingId}/materials`, {
        uploadId: id,
        title,
        classification,
        agendaItemId: "a1",
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.materials.find((m: Json) => m.title === title).id as string;
    };
    pdfId = await add(await textPdf([["運動会実施要項"], ["係分担"]]), "運動会.pdf", "運動会実施要項", "III");
    docxId = await add(
      await docxBytes(),
      "日程.docx",
      "成績処理日程",
      "IV",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    confidentialId = await add(await textPdf([["事故報告"]]), "事故報告.pdf", "事故報告", "II");
    secretId = await add(await textPdf([["個別の指導記録"]]), "指導記録.pdf", "指導記録", "I");
    for (const id of [pdfId, docxId, confidentialId, secretId]) await untilReady(meetingId, id, 1);
    const view = await call("chair", "GET", `${base}/${meetingId}`);
    etag = view.etag ?? "";
    const pdf = view.body.materials.find((m: Json) => m.id === pdfId);
    expect(pdf).toMatchObject({ mimeType: "application/pdf", pages: 2, version: 1, status: "ready" });
    expect(view.body.agenda[0].materialIds).toEqual([pdfId, docxId, confidentialId, secretId]);

    const r = await row(meetingId);
    expect(r.folderPath).toBe("会議資料/2026年度/2026-12-03 第8回 職員会議");
    expect(await filesBelow(r.driveId as string, r.folderPath as string)).toEqual([
      "取扱注意/事故報告.pdf",
      "機密/指導記録.pdf",
      "資料/日程.docx",
      "資料/運動会.pdf",
    ]);
  });

  it("refuses an encrypted PDF, a PNG named .pdf and someone else's upload, with nothing in SharePoint", async () => {
    const r = await row(meetingId);
    const before = await filesBelow(r.driveId as string, r.folderPath as string);
    const encrypted = await uploadId("chair", await encryptedPdf(), "保護.pdf");
    const refused = await call("chair", "POST", `${base}/${meetingId}/materials`, {
      uploadId: encrypted,
      title: "保護",
      classification: "III",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("PDF_ENCRYPTED");

    const disguised = await upload("chair", solidPng(4, 4), "写真.pdf");
    expect(disguised.body.error.code).toBe("FILE_TYPE_MISMATCH");

    const theirs = await uploadId("gradeHead", await textPdf([["学年会"]]), "学年.pdf");
    const notMine = await call("chair", "POST", `${base}/${meetingId}/materials`, {
      uploadId: theirs,
      title: "他人の",
      classification: "III",
    });
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.code).toBe("UPLOAD_NOT_FOUND");

    expect(await filesBelow(r.driveId as string, r.folderPath as string)).toEqual(before);
    expect((await call("chair", "GET", `${base}/${meetingId}`)).body.materials).toHaveLength(4);
  });
});

describe("distribution", () => {
  it("one card each, one calendar event with a join link (also when retried), ONE invite per shared subfolder", async () => {
    platform.deps.graph.calls.reset();
    const first = await call("chair", "POST", `${base}/${meetingId}/distribute`, undefined, { "if-match": etag });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.status).toBe("distributed");
    expect(first.body.joinUrl).toMatch(/^https:\/\//);
    const calls = platform.deps.graph.calls.snapshot();
    const count = (re: RegExp) =>
      Object.entries(calls)
        .filter(([k]) => re.test(k))
        .reduce((s, [, n]) => s + n, 0);
    expect(count(/invite/), JSON.stringify(calls)).toBe(2);
    expect(count(/permissions/)).toBe(0);
    expect(count(/\$batch/)).toBe(0);

    // The cards effect sends 8 at a time; whatever an attempt leaves is sent by the outbox worker.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && attendees.some((oid) => meetingCards(oid, meetingId).length === 0))
      await new Promise((r) => setTimeout(r, 100));
    for (const oid of attendees) {
      const cards = meetingCards(oid, meetingId);
      expect(cards, oid).toHaveLength(1);
      expect(cardText(cards[0]?.card)).toContain("運動会の実施について");
      expect(cardText(cards[0]?.card)).toContain("成績処理の日程");
    }
    expect(meetingCards(users.principal.id, meetingId)).toHaveLength(0);

    // Retried (with the new ETag): the same event, no second card, no new invite.
    platform.deps.graph.calls.reset();
    const again = await call("chair", "POST", `${base}/${meetingId}/distribute`, undefined, {
      "if-match": first.etag ?? "",
    });
    expect(again.status).toBe(200);
    etag = again.etag ?? "";
    expect(again.body.joinUrl).toBe(first.body.joinUrl);
    expect(Object.keys(platform.deps.graph.calls.snapshot()).filter((k) => /invite/.test(k))).toHaveLength(0);
    for (const oid of attendees) expect(meetingCards(oid, meetingId)).toHaveLength(1);

    const r = await row(meetingId);
    const events = (await graphGet(`/users/${users.chair.id}/events?$top=100`)) as Json;
    const mine = (events.value as Json[]).filter((e) => e.subject === "第8回 職員会議");
    expect(mine).toHaveLength(1);
    expect(mine[0].id).toBe(r.calendarEventId);
    expect(mine[0].onlineMeeting?.joinUrl).toBe(first.body.joinUrl);
  });

  it("the meeting folder is not shared; 資料 and 取扱注意 have one grant per group, 機密 none", async () => {
    const r = await row(meetingId);
    const perms = async (itemId: string) =>
      ((await graphGet(`/drives/${r.driveId}/items/${itemId}/permissions`)) as Json).value as Json[];
    const granted = (ps: Json[]) =>
      ps
        .filter((p) => !p.inheritedFrom && !p.link)
        .map((p) => p.grantedToV2?.group?.id ?? p.grantedToV2?.user?.id)
        .filter(Boolean)
        .sort();
    expect(granted(await perms(r.folderId as string))).toEqual([]);
    expect(granted(await perms(r.materialsFolderId as string))).toEqual([...groupIds].sort());
    expect(granted(await perms(r.confidentialFolderId as string))).toEqual([...groupIds].sort());
    expect(granted(await perms(r.secretFolderId as string))).toEqual([]);
    expect(r.grants.filter((g) => g.folderId === r.materialsFolderId)).toHaveLength(3);
    expect(r.grants.every((g) => g.kind === "group")).toBe(true);
  });

  it("an attendee reads a material through Graph with their own token; the principal and other schools' staff cannot", async () => {
    const r = await row(meetingId);
    const pdf = r.materials.find((m) => m.id === pdfId);
    const confidential = r.materials.find((m) => m.id === confidentialId);
    expect(await graphReadAs("nurse", r.driveId as string, pdf?.driveItemId as string)).toBe(200);
    expect(await graphReadAs("clerk", r.driveId as string, confidential?.driveItemId as string)).toBe(200);
    // Not invited (the principal oversees through Kōmu, not through the folder).
    expect(await graphReadAs("principal", r.driveId as string, pdf?.driveItemId as string)).toBe(404);
    // Through Kōmu: the principal oversees; the nurse (attendee) reads the bytes.
    expect((await call("principal", "GET", `${base}/${meetingId}`)).status).toBe(200);
    const content = await call("nurse", "GET", `${base}/${meetingId}/materials/${pdfId}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get("x-komu-material-version")).toBe("1");
    // Class II is distributed to the attendees (like the 取扱注意 grant); class I is not.
    // (機密/ has no grant — checked above; the local tenant has no site membership, so it cannot
    // show that staff without a grant see nothing there: in SharePoint the library gives them none.)
    expect((await call("clerk", "GET", `${base}/${meetingId}/materials/${confidentialId}/content`)).status).toBe(200);
    const refused = await call("clerk", "GET", `${base}/${meetingId}/materials/${secretId}/content`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    expect((await call("principal", "GET", `${base}/${meetingId}/materials/${secretId}/content`)).status).toBe(200);
  });

  it("a small meeting: a non-attendee teacher cannot read through Graph and gets MEETING_NOT_ATTENDEE from Kōmu", async () => {
    const created = await call("chair", "POST", base, {
      type: "committee",
      title: "図書委員会",
      startsAt: START,
      endsAt: END,
      place: "図書室",
      attendees: { people: [users.gradeHead.id, users.nurse.id] },
      agenda: [{ id: "b1", title: "蔵書点検", minutes: 20 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const up = await uploadId("chair", await textPdf([["蔵書点検の手順"]]), "蔵書.pdf");
    const added = await call("chair", "POST", `${base}/${id}/materials`, {
      uploadId: up,
      title: "蔵書点検",
      classification: "III",
    });
    const materialId = added.body.materials[0].id as string;
    const ready = await untilReady(id, materialId, 1);
    const dist = await call("chair", "POST", `${base}/${id}/distribute`, undefined, { "if-match": ready.etag });
    expect(dist.status, JSON.stringify(dist.body)).toBe(200);
    const r = await row(id);
    // Named people no group covers: ONE invite naming both.
    expect(r.grants.filter((g) => g.folderId === r.materialsFolderId).map((g) => g.principalId)).toEqual(
      expect.arrayContaining([users.gradeHead.id, users.nurse.id]),
    );
    const item = r.materials[0]?.driveItemId as string;
    expect(await graphReadAs("gradeHead", r.driveId as string, item)).toBe(200);
    expect(await graphReadAs("other", r.driveId as string, item)).toBe(404);
    const refused = await call("other", "GET", `${base}/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("MEETING_NOT_ATTENDEE");
    expect((await call("other", "GET", `${base}/${id}/materials/${materialId}/content`)).body.error.code).toBe(
      "MEETING_NOT_ATTENDEE",
    );
    const list = await call("other", "GET", `${base}?fiscalYear=2026`);
    expect(list.body.items.map((m: Json) => m.id)).not.toContain(id);
    const overseen = await call("vice", "GET", `${base}?fiscalYear=2026`);
    expect(overseen.body.items.map((m: Json) => m.id)).toEqual(expect.arrayContaining([id, meetingId]));
  });
});

describe("replacing a material", () => {
  it("same drive item, two versions in SharePoint, version 2 in the view, one 更新 card each, stale ETag 412", async () => {
    const before = await row(meetingId);
    const itemId = before.materials.find((m) => m.id === pdfId)?.driveItemId;
    const up = await uploadId("chair", await textPdf([["運動会実施要項（改訂）"], ["係分担"], ["雨天時"]]), "v2.pdf");
    const replaced = await call(
      "chair",
      "PUT",
      `${base}/${meetingId}/materials/${pdfId}/content`,
      { uploadId: up, changeNote: "雨天時の対応を追加" },
      { "if-match": etag },
    );
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const view = await untilReady(meetingId, pdfId, 2);
    const m = view.body.materials.find((x: Json) => x.id === pdfId);
    expect(m).toMatchObject({ version: 2, pages: 3, changeNote: "雨天時の対応を追加" });
    const after = await row(meetingId);
    expect(after.materials.find((x) => x.id === pdfId)?.driveItemId).toBe(itemId);
    const versions = (await graphGet(`/drives/${after.driveId}/items/${itemId}/versions`)) as Json;
    expect(versions.value).toHaveLength(2);
    const content = await call("gradeHead", "GET", `${base}/${meetingId}/materials/${pdfId}/content`);
    expect(content.headers.get("x-komu-material-version")).toBe("2");

    const deadline = Date.now() + 15_000;
    const updates = (oid: string) =>
      meetingCards(oid, meetingId).filter((c) => cardText(c.card).includes("更新されました"));
    while (Date.now() < deadline && attendees.some((oid) => updates(oid).length === 0))
      await new Promise((r) => setTimeout(r, 100));
    for (const oid of attendees) expect(updates(oid), oid).toHaveLength(1);

    const stale = await call(
      "chair",
      "PUT",
      `${base}/${meetingId}/materials/${pdfId}/content`,
      { uploadId: await uploadId("chair", await textPdf([["v3"]]), "v3.pdf"), changeNote: "x" },
      { "if-match": etag },
    );
    expect(stale.status).toBe(412);
    expect((await row(meetingId)).materials.find((x) => x.id === pdfId)?.version).toBe(2);
    etag = view.etag;
  });
});

describe("read status", () => {
  it("an attendee opens pages 1 and 2: the chair sees opened, 2 of 3 pages; a teacher who is not chair/oversee gets 403", async () => {
    for (const page of [1, 2])
      expect((await call("nurse", "POST", `${base}/${meetingId}/materials/${pdfId}/read`, { page })).status).toBe(204);
    const status = await call("chair", "GET", `${base}/${meetingId}/read-status`);
    expect(status.status).toBe(200);
    const nurse = status.body.attendees.find((a: Json) => a.oid === users.nurse.id);
    const cell = nurse.cells.find((c: Json) => c.materialId === pdfId);
    expect(cell).toMatchObject({ version: 2, pagesSeen: 2, pages: 3 });
    expect(cell.openedAt).toBeTruthy();
    const clerk = status.body.attendees.find((a: Json) => a.oid === users.clerk.id);
    expect(clerk.cells.find((c: Json) => c.materialId === pdfId).openedAt).toBeNull();
    expect((await call("principal", "GET", `${base}/${meetingId}/read-status`)).status).toBe(200);
    const refused = await call("gradeHead", "GET", `${base}/${meetingId}/read-status`);
    expect(refused.status).toBe(403);
  });
});

describe("editing a distributed meeting", () => {
  it("dropping the clerks: their group's grants deleted (no invite), no second card to anyone, the clerk is out", async () => {
    const view = await call("chair", "GET", `${base}/${meetingId}`);
    platform.deps.graph.calls.reset();
    const edited = await call(
      "chair",
      "PUT",
      `${base}/${meetingId}`,
      {
        type: view.body.type,
        title: view.body.title,
        startsAt: view.body.startsAt,
        endsAt: view.body.endsAt,
        place: "理科室",
        online: true,
        attendees: { roles: ["teacher", "nurse"] },
        agenda: view.body.agenda,
      },
      { "if-match": view.etag ?? "" },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.attendees).toHaveLength(18);
    const kinds = Object.entries(platform.deps.graph.calls.snapshot());
    expect(kinds.filter(([k]) => /invite/.test(k))).toHaveLength(0);
    expect(kinds.filter(([k]) => /permissions/.test(k)).reduce((a, [, n]) => a + n, 0)).toBe(2);
    const r = await row(meetingId);
    expect(r.grants.map((g) => g.principalId)).not.toContain(groupIds[2]);
    expect(r.grants).toHaveLength(4);
    const pdf = r.materials.find((m) => m.id === pdfId)?.driveItemId as string;
    expect(await graphReadAs("clerk", r.driveId as string, pdf)).toBe(404);
    expect(await graphReadAs("nurse", r.driveId as string, pdf)).toBe(200);
    expect((await call("clerk", "GET", `${base}/${meetingId}`)).body.error.code).toBe("MEETING_NOT_ATTENDEE");
    await new Promise((res) => setTimeout(res, 500));
    for (const oid of attendees.filter((o) => o !== users.clerk.id))
      expect(meetingCards(oid, meetingId).filter((c) => !cardText(c.card).includes("更新されました"))).toHaveLength(1);
    const event = (await graphGet(`/users/${users.chair.id}/events/${r.calendarEventId}`)) as Json;
    expect(event.location.displayName).toBe("理科室");
  });
});

describe("after the meeting and cancelling", () => {
  it("the 取扱注意 grant is removed N days after; 資料 stays shared", async () => {
    const r = await row(meetingId);
    const later = new Date(Date.parse(r.endsAt) + (r.confidentialSharingDays + 1) * 86_400_000);
    const meetings = platform.deps.meetings;
    if (!meetings) throw new Error("no meetings deps");
    const all = await meetingsRepos(platform.deps.storage).meetings.list(SCHOOL, { limit: 100 });
    const expected = all.items.flatMap((m) => m.data.grants.filter((g) => g.folderId === m.data.confidentialFolderId));
    expect(expected.filter((g) => r.grants.some((x) => x.permissionId === g.permissionId))).toHaveLength(2);
    const done = await runSharingExpiry(meetings, [SCHOOL], later);
    expect(done.permissions).toBe(expected.length);
    // Idempotent: a second run removes nothing.
    expect((await runSharingExpiry(meetings, [SCHOOL], later)).permissions).toBe(0);
    const after = await row(meetingId);
    const pdf = after.materials.find((m) => m.id === pdfId)?.driveItemId as string;
    const confidential = after.materials.find((m) => m.id === confidentialId)?.driveItemId as string;
    expect(await graphReadAs("nurse", after.driveId as string, confidential)).toBe(404);
    expect(await graphReadAs("nurse", after.driveId as string, pdf)).toBe(200);
    expect((await call("nurse", "GET", `${base}/${meetingId}/materials/${confidentialId}/content`)).status).toBe(403);
    expect((await call("nurse", "GET", `${base}/${meetingId}/materials/${pdfId}/content`)).status).toBe(200);
    expect(after.grants.every((g) => g.folderId === after.materialsFolderId)).toBe(true);
  });

  it("cancel: the event is deleted, the grants removed, cancelling again answers the same", async () => {
    const r = await row(meetingId);
    etag = (await call("chair", "GET", `${base}/${meetingId}`)).etag ?? "";
    const cancelled = await call("chair", "POST", `${base}/${meetingId}/cancel`, undefined, { "if-match": etag });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const after = await row(meetingId);
    expect(after.grants).toEqual([]);
    const pdf = after.materials.find((m) => m.id === pdfId)?.driveItemId as string;
    expect(await graphReadAs("nurse", after.driveId as string, pdf)).toBe(404);
    await expect(graphGet(`/users/${users.chair.id}/events/${r.calendarEventId}`)).rejects.toMatchObject({
      statusCode: 404,
    });
    const again = await call("chair", "POST", `${base}/${meetingId}/cancel`, undefined, { "if-match": "stale" });
    expect(again.status).toBe(200);
    etag = again.etag ?? "";
    const refused = await call("chair", "POST", `${base}/${meetingId}/distribute`, undefined, {
      "if-match": cancelled.etag ?? "",
    });
    expect(refused.body.error.code).toBe("MEETING_CANCELLED");
  });
});
