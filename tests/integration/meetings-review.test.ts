/**
 * Meetings: review findings through the real API host and the local tenant — two meetings of one
 * title and date get folders of their own (distributing one never shares the other's materials),
 * attendee roles that are not staff roles are refused, a class II material's page text is audited
 * like its bytes, and malformed requests are refused (4xx, never a 500).
 */
import { meetingsRepos } from "@komu/functions/meetings/entities";
import { textPdf } from "@komu/functions/meetings/text/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type Json } from "../support/api-client.js";
import { untilMaterialReady } from "../support/meetings.js";
import { startTestPlatform } from "../support/platform.js";

const SCHOOL = "aoba-e";
const base = `/api/schools/${SCHOOL}/meetings`;
const START = "2027-01-14T06:30:00.000Z";
const END = "2027-01-14T07:30:00.000Z";
let platform: RunningPlatform;
const users = { chair: KNOWN_USERS.aobaHeadTeacher, nurse: KNOWN_USERS.aobaNurse, clerk: KNOWN_USERS.aobaClerk };
const client = apiClient(() => platform, users);
const { call, uploadId } = client;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  await client.signIn();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

const untilReady = (meetingId: string, materialId: string) =>
  untilMaterialReady(() => call("chair", "GET", `${base}/${meetingId}`), materialId);

const row = async (meetingId: string) => {
  const r = await meetingsRepos(platform.deps.storage).meetings.get(SCHOOL, meetingId);
  if (!r) throw new Error("no meeting row");
  return r.data;
};

const meeting = (title: string, people: string[]) => ({
  type: "gradeMeeting",
  title,
  startsAt: START,
  endsAt: END,
  place: "会議室",
  attendees: { people },
  agenda: [],
});

async function withMaterial(title: string, people: string[], classification: "II" | "III", text: string) {
  const created = await call("chair", "POST", base, meeting(title, people));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const upload = await uploadId("chair", await textPdf([[text]]), `${text}.pdf`);
  const added = await call("chair", "POST", `${base}/${id}/materials`, {
    uploadId: upload,
    title: text,
    classification,
  });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  const materialId = added.body.materials[0].id as string;
  const ready = await untilReady(id, materialId);
  return { id, materialId, etag: ready.etag as string };
}

describe("the meeting folder", () => {
  it("two meetings of one title and date get folders of their own; distributing one shares nothing of the other", async () => {
    const a = await withMaterial("学年会", [users.nurse.id], "III", "一年生の資料");
    const b = await withMaterial("学年会", [users.clerk.id], "III", "二年生の資料");
    const c = await withMaterial("学年会 ", [users.clerk.id], "III", "三年生の資料");
    const [ra, rb, rc] = [await row(a.id), await row(b.id), await row(c.id)];
    expect(ra.folderPath).toBe("会議資料/2026年度/2027-01-14 学年会");
    expect(rb.folderPath).toBe("会議資料/2026年度/2027-01-14 学年会 (2)");
    expect(rc.folderPath).toBe("会議資料/2026年度/2027-01-14 学年会 (3)");
    expect(new Set([ra.materialsFolderId, rb.materialsFolderId, rc.materialsFolderId]).size).toBe(3);

    const distributed = await call("chair", "POST", `${base}/${b.id}/distribute`, undefined, { "if-match": b.etag });
    expect(distributed.status, JSON.stringify(distributed.body)).toBe(200);
    const grants = (await row(b.id)).grants;
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.folderId !== ra.materialsFolderId)).toBe(true);
    // The first meeting's folder has no grant for the second meeting's attendee.
    const perms = (await platform.deps.graph.app
      .api(`/drives/${ra.driveId}/items/${ra.materialsFolderId}/permissions`)
      .get()) as { value: Json[] };
    expect(JSON.stringify(perms.value)).not.toContain(users.clerk.id);
  });
});

describe("attendees", () => {
  it("see a meeting only once it is distributed (a draft is the chair's own)", async () => {
    const m = await withMaterial("職員打合せ", [users.nurse.id], "III", "下書きの資料");
    const draft = await call("nurse", "GET", `${base}/${m.id}`);
    expect(draft.status).toBe(403);
    expect(draft.body.error.code).toBe("MEETING_NOT_ATTENDEE");
    const content = await call("nurse", "GET", `${base}/${m.id}/materials/${m.materialId}/content`);
    expect(content.status).toBe(403);
    const listed = await call("nurse", "GET", `${base}?fiscalYear=2026`);
    expect(listed.body.items.map((i: Json) => i.id)).not.toContain(m.id);

    const distributed = await call("chair", "POST", `${base}/${m.id}/distribute`, undefined, { "if-match": m.etag });
    expect(distributed.status, JSON.stringify(distributed.body)).toBe(200);
    expect((await call("nurse", "GET", `${base}/${m.id}`)).status).toBe(200);
    const after = await call("nurse", "GET", `${base}?fiscalYear=2026`);
    expect(after.body.items.map((i: Json) => i.id)).toContain(m.id);
  });

  it("a role that is not a staff role (students, administrators) is refused with nothing made", async () => {
    for (const roles of [["student"], ["teacher", "admin"], ["boardStaff"]]) {
      const refused = await call("chair", "POST", base, { ...meeting("生徒も招く", []), attendees: { roles } });
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.error.code).toBe("VALIDATION_FAILED");
      expect(refused.body.error.message.ja).toContain("教職員の役割");
      const preview = await call("chair", "POST", `${base}/attendee-preview`, { attendees: { roles } });
      expect(preview.status).toBe(400);
    }
    const list = await call("chair", "GET", `${base}?q=${encodeURIComponent("生徒も招く")}`);
    expect(list.body.items).toHaveLength(0);
  });
});

describe("class II page text", () => {
  it("reading a class II material's text is audited as a view, like its bytes", async () => {
    const m = await withMaterial("取扱注意の会議", [users.nurse.id], "II", "個人情報を含む資料");
    const text = await call("chair", "GET", `${base}/${m.id}/materials/${m.materialId}/text`);
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(text.body.pages.join("")).toContain("個人情報");
    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    const viewed = audit.items
      .map((e) => e.event)
      .filter((e) => e.kind === "meeting.material" && e.target.id === m.id && (e.data as Json).action === "viewed");
    expect(viewed).toHaveLength(1);
    expect(viewed[0]?.actor.oid).toBe(users.chair.id);
  });
});

describe("malformed requests", () => {
  it("huge bodies, wrong types, unknown fields, missing and stale If-Match: 4xx, never a 500", async () => {
    const created = await call("chair", "POST", base, { ...meeting("入力検査", [users.nurse.id]), extra: { x: 1 } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const huge = await call("chair", "POST", base, { ...meeting("x".repeat(70 * 1024), [users.nurse.id]) });
    expect(huge.status).toBe(413);
    const wrongTypes = await call("chair", "POST", base, {
      ...meeting("型", [users.nurse.id]),
      startsAt: 5,
      agenda: "x",
    });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.code).toBe("VALIDATION_FAILED");
    expect((await call("chair", "POST", base, "{not json")).status).toBe(400);
    expect((await call("chair", "POST", base, "[]")).status).toBe(400);
    const update = meeting("入力検査2", [users.nurse.id]);
    expect((await call("chair", "PUT", `${base}/${id}`, update)).status).toBe(428);
    expect((await call("chair", "PUT", `${base}/${id}`, update, { "if-match": '"stale"' })).status).toBe(412);
    expect((await call("chair", "POST", `${base}/${id}/cancel`, undefined, { "if-match": '"stale"' })).status).toBe(
      412,
    );
    expect((await call("chair", "POST", `${base}/${id}/distribute`)).status).toBe(428);
    expect((await call("chair", "GET", `${base}/NOT-AN-ID`)).status).toBe(400);
    expect((await call("chair", "GET", `${base}/${id}/materials/zzzz/text`)).status).toBe(404);
    expect((await call("nurse", "POST", `${base}/${id}/materials/zzzz/read`, { page: "1" })).status).toBe(400);
    expect((await call("nurse", "PUT", `${base}/${id}/materials/zzzz/notes`, { notes: "x" })).status).toBe(400);
    expect(
      (await call("chair", "PUT", `${base}/${id}/minutes`, { items: 3 }, { "if-match": created.etag ?? "" })).status,
    ).toBe(400);
    expect((await call("chair", "PATCH", `${base}/${id}/action-items/a1`, { done: "yes" })).status).toBe(400);
    expect(
      (await call("chair", "POST", `${base}/${id}/file`, { categoryCode: 7 }, { "if-match": created.etag ?? "" }))
        .status,
    ).toBe(400);
    // Nothing of the refused requests changed the meeting.
    const after = await call("chair", "GET", `${base}/${id}`);
    expect(after.body.title).toBe("入力検査");
    expect(after.etag).toBe(created.etag);
  });
});
