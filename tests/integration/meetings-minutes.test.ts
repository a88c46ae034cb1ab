/**
 * Meetings after the meeting, through the real API host and the local tenant: minutes written by
 * the chair (locked while routed), submitted as a rendered 議事録 PDF through 電子決裁, approved by
 * the route (教頭, 校長) and filed; an action item in the assignee's 自分のタスク, done by them;
 * class II sharing removed by the expiry job at the right time (only the 取扱注意 folder's
 * permissions); the meeting's folder filed as records, a retry filing the same records.
 */
import { runSharingExpiry } from "@komu/functions/meetings/after/sharing-expiry";
import { meetingsRepos } from "@komu/functions/meetings/entities";
import { extractPageTexts } from "@komu/functions/meetings/text/extract-text";
import { textPdf } from "@komu/functions/meetings/text/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { normaliseForMatch } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type Json } from "../support/api-client.js";
import { startTestPlatform } from "../support/platform.js";

const SCHOOL = "aoba-e";
const api = `/api/schools/${SCHOOL}`;
const base = `${api}/meetings`;
let platform: RunningPlatform;
const users = {
  chair: KNOWN_USERS.aobaHeadTeacher,
  teacher: KNOWN_USERS.aobaTeacher,
  nurse: KNOWN_USERS.aobaNurse,
  vp: KNOWN_USERS.aobaVicePrincipal,
  principal: KNOWN_USERS.aobaPrincipal,
};
const client = apiClient(() => platform, users);
const { call, tokens } = client;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  await client.signIn();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const TITLE = "令和8年度 第10回 職員会議";
const ENDS_AT = "2026-12-02T07:30:00.000Z";
let meetingId = "";
let etag = "";
let returnedApprovalId = "";

describe("minutes, action items and after the meeting", () => {
  it("the chair makes and distributes a meeting with a class III and a class II material", async () => {
    const created = await call("chair", "POST", base, {
      type: "staffMeeting",
      title: TITLE,
      startsAt: "2026-12-02T06:30:00.000Z",
      endsAt: ENDS_AT,
      place: "会議室",
      online: false,
      attendees: { people: [users.teacher.id, users.nurse.id] },
      agenda: [
        { id: "a1", title: "運動会の反省", minutes: 30, presenterName: "伊藤 綾" },
        { id: "a2", title: "健康診断の日程", minutes: 20 },
      ],
      confidentialSharingDays: 7,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.id;
    let current = created.etag ?? "";
    for (const [name, classification] of [
      ["反省資料", "III"],
      ["個別の配慮事項", "II"],
    ] as const) {
      const uploadId = await client.uploadId("chair", await textPdf([[name]]), `${classification}.pdf`);
      const added = await call(
        "chair",
        "POST",
        `${base}/${meetingId}/materials`,
        { uploadId, title: name, classification },
        { "if-match": current },
      );
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      current = added.etag ?? "";
    }
    const ready = await until(
      () => call("chair", "GET", `${base}/${meetingId}`),
      (r) => r.body.materials.length === 2 && r.body.materials.every((m: Json) => m.status === "ready"),
      "materials",
    );
    const distributed = await call("chair", "POST", `${base}/${meetingId}/distribute`, undefined, {
      "if-match": ready.etag ?? "",
    });
    expect(distributed.status, JSON.stringify(distributed.body)).toBe(200);
    etag = distributed.etag ?? "";
  });

  it("minutes: the chair writes them; an attendee may not; an assignee must attend", async () => {
    const minutes = {
      items: [
        { agendaItemId: "a1", discussion: "雨天時の連絡が遅れた。", decisions: "連絡網を見直す。" },
        { agendaItemId: "a2", discussion: "日程を確認した。", decisions: "" },
      ],
      actionItems: [{ id: "x1", title: "連絡網の改訂案を作る", assigneeOid: users.teacher.id, dueDate: "2026-12-10" }],
      other: "次回は1月。",
    };
    const byNurse = await call("nurse", "PUT", `${base}/${meetingId}/minutes`, minutes, { "if-match": etag });
    expect(byNurse.status).toBe(403);
    const outsider = await call(
      "chair",
      "PUT",
      `${base}/${meetingId}/minutes`,
      { ...minutes, actionItems: [{ ...minutes.actionItems[0], assigneeOid: users.principal.id }] },
      { "if-match": etag },
    );
    expect(outsider.status).toBe(400);
    const stale = await call("chair", "PUT", `${base}/${meetingId}/minutes`, minutes, { "if-match": 'W/"stale"' });
    expect(stale.status).toBe(412);
    const saved = await call("chair", "PUT", `${base}/${meetingId}/minutes`, minutes, { "if-match": etag });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.minutes).toMatchObject({ status: "draft", recorderOid: users.chair.id });
    expect(saved.body.minutes.actionItems[0]).toMatchObject({ assigneeName: users.teacher.displayName, done: false });
    etag = saved.etag ?? "";
  });

  it("the action item is in the assignee's 自分のタスク, linking to the meeting page; nobody else's", async () => {
    const tasks = await call("teacher", "GET", "/api/tasks");
    const mine = tasks.body.items.filter((t: Json) => t.source === "meetings");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: "meetings.actionItem",
      href: `/meetings?school=${SCHOOL}&meeting=${meetingId}`,
      dueAt: "2026-12-10T14:59:00.000Z",
    });
    expect(mine[0].title.ja).toContain("連絡網の改訂案を作る");
    const nurse = await call("nurse", "GET", "/api/tasks");
    expect(nurse.body.items.filter((t: Json) => t.source === "meetings")).toEqual([]);
  });

  it("returned minutes (差し戻し) become editable again", async () => {
    const submitted = await call(
      "chair",
      "POST",
      `${base}/${meetingId}/minutes/submit`,
      { categoryCode: "D-04" },
      { "if-match": etag },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    returnedApprovalId = submitted.body.minutes.approvalId;
    const again = await call(
      "chair",
      "POST",
      `${base}/${meetingId}/minutes/submit`,
      { categoryCode: "D-04" },
      {
        "if-match": submitted.etag ?? "",
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("MEETING_MINUTES_LOCKED");
    let returned = false;
    for (const who of ["chair", "vp", "principal"] as const) {
      const v = await call(who, "GET", `${api}/approvals/${returnedApprovalId}`);
      if (v.body.abilities?.decide && v.body.abilities.stepToken) {
        const d = await call(who, "POST", `${api}/approvals/${returnedApprovalId}/decisions`, {
          type: "return",
          stepToken: v.body.abilities.stepToken,
          comment: "決定事項を具体的に",
        });
        expect(d.status, JSON.stringify(d.body)).toBe(200);
        returned = true;
        break;
      }
    }
    expect(returned).toBe(true);
    // The meeting itself (GET) shows the minutes as returned, so the tab offers editing again.
    const view = await call("chair", "GET", `${base}/${meetingId}`);
    expect(view.body.minutes).toMatchObject({ status: "returned", approvalId: returnedApprovalId });
    const edited = await call(
      "chair",
      "PUT",
      `${base}/${meetingId}/minutes`,
      {
        items: [
          { agendaItemId: "a1", discussion: "雨天時の連絡が遅れた。", decisions: "連絡網を12月中に見直す。" },
          { agendaItemId: "a2", discussion: "日程を確認した。", decisions: "" },
        ],
        actionItems: [
          { id: "x1", title: "連絡網の改訂案を作る", assigneeOid: users.teacher.id, dueDate: "2026-12-10" },
        ],
        other: "次回は1月。",
      },
      { "if-match": submitted.etag ?? "" },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.minutes).toMatchObject({ status: "draft", approvalId: returnedApprovalId });
    etag = edited.etag ?? "";
  });

  it("submitted minutes become an approval with the rendered PDF; locked while routed; approved and filed", async () => {
    const submitted = await call(
      "chair",
      "POST",
      `${base}/${meetingId}/minutes/submit`,
      { categoryCode: "D-04" },
      { "if-match": etag },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.minutes.status).toBe("submitted");
    const approvalId = submitted.body.minutes.approvalId;
    expect(approvalId).toBeTruthy();
    expect(approvalId).not.toBe(returnedApprovalId);
    etag = submitted.etag ?? "";

    const locked = await call(
      "chair",
      "PUT",
      `${base}/${meetingId}/minutes`,
      { items: [], actionItems: [] },
      {
        "if-match": etag,
      },
    );
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("MEETING_MINUTES_LOCKED");

    const pdf = await fetch(`${platform.url}${api}/approvals/${approvalId}/content`, {
      headers: { authorization: `Bearer ${tokens.chair}` },
    });
    expect(pdf.status).toBe(200);
    const text = normaliseForMatch((await extractPageTexts(new Uint8Array(await pdf.arrayBuffer()))).join("\n"));
    expect(text).toContain(normaliseForMatch(TITLE));
    expect(text).toContain("連絡網の改訂案を作る");
    expect(text).toContain("連絡網を12月中に見直す。");
    expect(text).toContain("令和8年12月2日15:30〜16:30");

    // The route (教頭, then 校長 決裁): whoever's turn it is approves.
    for (let i = 0; i < 4; i++) {
      const view = await call("principal", "GET", `${api}/approvals/${approvalId}`);
      if (view.body.approval.status === "approved") break;
      for (const who of ["chair", "vp", "principal"] as const) {
        const v = await call(who, "GET", `${api}/approvals/${approvalId}`);
        if (v.body.abilities?.decide && v.body.abilities.stepToken) {
          const d = await call(who, "POST", `${api}/approvals/${approvalId}/decisions`, {
            type: "approve",
            stepToken: v.body.abilities.stepToken,
          });
          expect(d.status, JSON.stringify(d.body)).toBe(200);
          break;
        }
      }
    }
    const filing = await until(
      () => call("principal", "GET", `${api}/approvals/${approvalId}`),
      (r) => r.body.approval.filing.status === "filed" || r.body.approval.filing.status === "failed",
      "filing",
    );
    expect(filing.body.approval.status).toBe("approved");
    expect(filing.body.approval.filing.status).toBe("filed");
    const record = await call("principal", "GET", `${api}/records/${filing.body.approval.filing.recordId}`);
    expect(record.status).toBe(200);
    expect(record.body.categoryCode ?? record.body.record?.categoryCode).toBe("D-04");
  });

  it("the assignee marks the action item done (the minutes show approved); it leaves their tasks", async () => {
    const byNurse = await call("nurse", "PATCH", `${base}/${meetingId}/action-items/x1`, { done: true });
    expect(byNurse.status).toBe(403);
    const done = await call("teacher", "PATCH", `${base}/${meetingId}/action-items/x1`, { done: true });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.minutes.status).toBe("approved");
    expect(done.body.minutes.actionItems[0]).toMatchObject({ done: true });
    expect(done.body.minutes.actionItems[0].doneAt).not.toBeNull();
    const again = await call("teacher", "PATCH", `${base}/${meetingId}/action-items/x1`, { done: true });
    expect(again.status).toBe(200);
    expect(again.etag).toBe(done.etag);
    const tasks = await call("teacher", "GET", "/api/tasks");
    expect(tasks.body.items.filter((t: Json) => t.source === "meetings")).toEqual([]);
    etag = done.etag ?? "";
  });

  it("sharing expiry removes only the 取扱注意 folder's permissions, when its day has come, once", async () => {
    const deps = platform.deps.meetings;
    if (!deps) throw new Error("meetings not wired");
    const row = await meetingsRepos(deps.storage).meetings.require(SCHOOL, meetingId);
    const { driveId, confidentialFolderId } = row.data;
    expect(driveId && confidentialFolderId).toBeTruthy();
    // The other shared folder (資料, class III/IV): its grants must stay.
    const folderId = row.data.grants.map((g) => g.folderId).find((f) => f !== confidentialFolderId);
    const permissionsOf = async (itemId: string) =>
      ((await deps.graph.app.api(`/drives/${driveId}/items/${itemId}/permissions`).get()) as { value: Json[] }).value
        .map((p) => p.id as string)
        .sort();
    const granted = (fid: string) => row.data.grants.filter((g) => g.folderId === fid).map((g) => g.permissionId);
    expect(granted(confidentialFolderId as string).length).toBeGreaterThan(0);
    expect(granted(folderId as string).length).toBeGreaterThan(0);
    const mainBefore = await permissionsOf(folderId as string);
    for (const pid of granted(confidentialFolderId as string))
      expect(await permissionsOf(confidentialFolderId as string)).toContain(pid);

    const early = new Date(Date.parse(ENDS_AT) + 6 * 86_400_000);
    expect(await runSharingExpiry(deps, [SCHOOL], early)).toEqual({ meetings: 0, permissions: 0 });
    const due = new Date(Date.parse(ENDS_AT) + 7 * 86_400_000 + 60_000);
    const removed = await runSharingExpiry(deps, [SCHOOL], due);
    expect(removed).toEqual({ meetings: 1, permissions: granted(confidentialFolderId as string).length });
    const after = await permissionsOf(confidentialFolderId as string);
    for (const pid of granted(confidentialFolderId as string)) expect(after).not.toContain(pid);
    expect(await permissionsOf(folderId as string)).toEqual(mainBefore);
    const view = await call("chair", "GET", `${base}/${meetingId}`);
    expect(view.body.confidentialSharingRemovedAt).toBe(due.toISOString());
    expect(await runSharingExpiry(deps, [SCHOOL], due)).toEqual({ meetings: 0, permissions: 0 });
    etag = view.etag ?? "";
  });

  it("the chair files the meeting's folder: one record per material in the index; a retry files the same", async () => {
    expect(
      (await call("teacher", "POST", `${base}/${meetingId}/file`, { categoryCode: "D-04" }, { "if-match": etag }))
        .status,
    ).toBe(403);
    const filed = await call(
      "chair",
      "POST",
      `${base}/${meetingId}/file`,
      { categoryCode: "D-04" },
      { "if-match": etag },
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const ids: string[] = filed.body.filedRecordIds;
    expect(ids).toHaveLength(2);
    const retry = await call(
      "chair",
      "POST",
      `${base}/${meetingId}/file`,
      { categoryCode: "D-04" },
      { "if-match": etag },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.filedRecordIds).toEqual(ids);
    const records = await Promise.all(ids.map((id) => call("principal", "GET", `${api}/records/${id}`)));
    const views = records.map((r) => r.body.record ?? r.body);
    expect(views.map((r: Json) => r.title).sort()).toEqual([`${TITLE} 個別の配慮事項`, `${TITLE} 反省資料`]);
    expect(views.map((r: Json) => [r.classification, r.status]).sort()).toEqual([
      ["II", "filed"],
      ["III", "filed"],
    ]);
    const list = await call("principal", "GET", `${api}/records?q=${encodeURIComponent("反省資料")}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain(
      ids.find((id) => views.find((v: Json) => v.id === id && v.classification === "III")) ?? "none",
    );
  });
});
