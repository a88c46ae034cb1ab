/**
 * The approval engine through the real API host and the local tenant: templates seeded per
 * school, a teacher's draft with a staged PDF, submission resolving roles to the seeded people
 * through Graph groups, out-of-turn and off-route refusals (audited), fifty concurrent approve
 * calls on one step making one transition, 差し戻し to the drafter and resubmission, 引戻し,
 * a 合議 of N of M, lists and access.
 */
import { encryptedPdf, plainPdf } from "@komu/functions/approvals/pdf/testing";
import { pdfPageTexts } from "@komu/functions/approvals/pdf/text-items";
import { docxBytes } from "@komu/functions/records/staging/test-files";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type Json } from "../support/api-client.js";
import { startTestPlatform } from "../support/platform.js";
import { solidPng } from "../support/png.js";
import { signIn } from "../support/sign-in.js";

const SCHOOL = "aoba-e";
let platform: RunningPlatform;
const users = {
  teacher: KNOWN_USERS.aobaTeacher,
  headTeacher: KNOWN_USERS.aobaHeadTeacher,
  vp: KNOWN_USERS.aobaVicePrincipal,
  principal: KNOWN_USERS.aobaPrincipal,
  grade3: KNOWN_USERS.aobaGrade3Teacher,
  nurse: KNOWN_USERS.aobaNurse,
  student: KNOWN_USERS.aobaStudent,
  other: KNOWN_USERS.higashiTeacher,
  board: KNOWN_USERS.boardSuperintendent,
};
type Who = keyof typeof users;
const client = apiClient(() => platform, users);
const { call, uploadId, tokens } = client;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  await client.signIn();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

const uploadPdf = async (who: Who, name = "起案.pdf"): Promise<string> =>
  uploadId(who, await plainPdf({ pages: 2 }), name);

const base = `/api/schools/${SCHOOL}`;

async function draftAndSubmit(templateId: string, title: string, who: Who = "teacher"): Promise<Json> {
  const mainUploadId = await uploadPdf(who);
  const created = await call(who, "POST", `${base}/approvals`, {
    templateId,
    title,
    categoryCode: "C-04",
    mainUploadId,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await call(who, "POST", `${base}/approvals/${created.body.approval.id}/submit`, undefined, {
    "if-match": created.body.etag,
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body;
}

const decide = (who: Who, id: string, body: Json) => call(who, "POST", `${base}/approvals/${id}/decisions`, body);

describe("templates", () => {
  it("every school gets the default templates; a principal adds one, a teacher may not", async () => {
    const list = await call("teacher", "GET", `${base}/approval-templates`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: Json) => i.template.id)).toEqual(
      expect.arrayContaining(["general", "consultation", "circulation"]),
    );
    const template = {
      name: "保健関係",
      stages: [
        { id: "nurse", kind: "consultation", label: "合議（養護）", roles: ["nurse"], rule: { kind: "all" } },
        { id: "principal", kind: "final", label: "校長", roles: ["principal"] },
      ],
    };
    expect((await call("teacher", "POST", `${base}/approval-templates`, template)).status).toBe(403);
    const bad = await call("principal", "POST", `${base}/approval-templates`, {
      ...template,
      stages: [template.stages[0]],
    });
    expect(bad.status).toBe(400);
    const made = await call("principal", "POST", `${base}/approval-templates`, template);
    expect(made.status).toBe(201);
    const stale = await call(
      "principal",
      "PUT",
      `${base}/approval-templates/${made.body.template.id}`,
      { ...template, name: "保健（改）" },
      { "if-match": "W/\"datetime'2020-01-01T00%3A00%3A00.000Z'\"" },
    );
    expect(stale.status).toBe(412);
  });
});

describe("route preview", () => {
  it("shows the drafter who would receive the draft now; an empty stage is marked, and submitting it is refused", async () => {
    const made = await call("principal", "POST", `${base}/approval-templates`, {
      name: "事務長決裁（事務長不在の学校）",
      stages: [
        { id: "vice-principal", kind: "approval", label: "教頭", roles: ["vicePrincipal"] },
        { id: "board", kind: "consultation", label: "合議（教委）", roles: ["boardStaff"] },
        { id: "principal", kind: "final", label: "校長", roles: ["principal"] },
      ],
    });
    expect(made.status).toBe(201);
    const created = await call("teacher", "POST", `${base}/approvals`, {
      templateId: made.body.template.id,
      title: "ルート確認",
      categoryCode: "C-04",
      mainUploadId: await uploadPdf("teacher"),
    });
    const preview = await call("teacher", "GET", `${base}/approvals/${created.body.approval.id}/route-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.stages.map((s: Json) => [s.id, s.empty])).toEqual([
      ["vice-principal", false],
      ["board", true],
      ["principal", false],
    ]);
    expect(preview.body.stages[0].people).toEqual([expect.objectContaining({ oid: users.vp.id })]);
    expect(
      (await call("headTeacher", "GET", `${base}/approvals/${created.body.approval.id}/route-preview`)).status,
    ).toBe(404);
    // Before any draft: the template with the drafter's edits (the 教務主任 step removed).
    const before = await call("teacher", "POST", `${base}/approval-templates/general/preview`, {
      remove: ["head-teacher"],
    });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.stages.map((s: Json) => s.id)).toEqual(["vice-principal", "principal"]);
    expect(before.body.stages[1].deputies).toEqual([expect.objectContaining({ oid: users.vp.id })]);
    const notAllowed = await call("teacher", "POST", `${base}/approval-templates/general/preview`, {
      remove: ["principal"],
    });
    expect(notAllowed.body.error.code).toBe("APPROVAL_ROUTE_EDIT_NOT_ALLOWED");
    const refused = await call("teacher", "POST", `${base}/approvals/${created.body.approval.id}/submit`, undefined, {
      "if-match": created.body.etag,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "APPROVAL_STAGE_EMPTY", details: { stages: [{ id: "board" }] } });
  });
});

describe("board-shared templates", () => {
  it("the board's template (boe) is offered to every school; a principal cannot edit the board's", async () => {
    const shared = {
      name: "教育委員会への報告",
      stages: [
        { id: "vice-principal", kind: "approval", label: "教頭", roles: ["vicePrincipal"] },
        { id: "principal", kind: "final", label: "校長", roles: ["principal"], deputyRole: "vicePrincipal" },
      ],
    };
    const made = await call("board", "POST", "/api/schools/boe/approval-templates", shared);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.shared).toBe(true);
    expect((await call("principal", "POST", "/api/schools/boe/approval-templates", shared)).status).toBe(403);
    for (const who of ["teacher", "other"] as const) {
      const school = who === "teacher" ? SCHOOL : "higashi-e";
      const list = await call(who, "GET", `/api/schools/${school}/approval-templates`);
      expect(list.body.items.find((i: Json) => i.template.id === made.body.template.id)).toMatchObject({
        shared: true,
      });
    }
    const { approval } = await draftAndSubmit(made.body.template.id, "報告書の提出について");
    expect(approval.route.map((s: Json) => s.id)).toEqual(["vice-principal", "principal"]);
  });
});

describe("a general approval: 教務主任 → 教頭 → 校長", () => {
  it("resolves the roles to the seeded people and refuses out-of-turn and off-route clicks (audited)", async () => {
    const detail = await draftAndSubmit("general", "校外学習の実施について");
    const a = detail.approval;
    expect(a.status).toBe("inRoute");
    expect(a.route.map((s: Json) => s.assignees.map((p: Json) => p.oid))).toEqual([
      [users.headTeacher.id],
      [users.vp.id],
      [users.principal.id],
    ]);
    expect(a.route[2].deputies.map((d: Json) => d.oid)).toEqual([users.vp.id]);
    const mine = await call("headTeacher", "GET", `${base}/approvals/${a.id}`);
    const token = mine.body.abilities.stepToken;
    expect(mine.body.abilities.decide).toBe(true);

    const outOfTurn = await decide("principal", a.id, { type: "approve", stepToken: token });
    expect(outOfTurn.status).toBe(409);
    expect(outOfTurn.body.error.code).toBe("APPROVAL_OUT_OF_TURN");
    const offRoute = await decide("nurse", a.id, { type: "approve", stepToken: token });
    expect(offRoute.status).toBe(403);
    expect(offRoute.body.error.code).toBe("APPROVAL_NOT_ON_ROUTE");
    expect((await call("nurse", "GET", `${base}/approvals/${a.id}`)).status).toBe(404);
    expect((await decide("student", a.id, { type: "approve", stepToken: token })).status).toBe(403);
    expect((await call("other", "GET", `${base}/approvals/${a.id}`)).status).toBe(403);

    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 500 });
    const refused = audit.items.filter((e) => e.event.kind === "approval.refused" && e.event.target.id === a.id);
    expect(refused.map((e) => (e.event.data as Json).code).sort()).toEqual([
      "APPROVAL_NOT_ON_ROUTE",
      "APPROVAL_OUT_OF_TURN",
    ]);

    const tasks = await call("headTeacher", "GET", "/api/tasks");
    expect(tasks.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: `approvals:${a.id}`,
          kind: "approvals.decide",
          href: `/approvals?approval=${a.id}`,
        }),
      ]),
    );
    const waiting = await call("headTeacher", "GET", `${base}/approvals?box=waiting`);
    expect(waiting.body.items.map((i: Json) => i.id)).toContain(a.id);
    const school = await call("principal", "GET", `${base}/approvals?box=school`);
    expect(school.body.items.find((i: Json) => i.id === a.id)).toMatchObject({
      currentStage: "教務主任",
      myTurn: false,
    });
    expect((await call("teacher", "GET", `${base}/approvals?box=school`)).status).toBe(403);
  });

  it("fifty concurrent approve calls on one step make one transition", async () => {
    const { approval } = await draftAndSubmit("general", "同時承認の確認");
    const token = approval.route[0].token;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => decide("headTeacher", approval.id, { type: "approve", stepToken: token })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(answers.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(
      new Set(["APPROVAL_ALREADY_DECIDED"]),
    );
    const after = await call("teacher", "GET", `${base}/approvals/${approval.id}`);
    expect(after.body.approval.history.filter((h: Json) => h.action === "approved")).toHaveLength(1);
    expect(after.body.approval.route.map((s: Json) => s.status)).toEqual(["passed", "active", "waiting"]);
    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    expect(
      audit.items.filter((e) => e.event.kind === "approval.decided" && e.event.target.id === approval.id),
    ).toHaveLength(1);
  }, 60_000);

  it("差し戻し to the drafter needs a comment; the drafter edits and resubmits; 代決 by the 教頭 completes it", async () => {
    const { approval } = await draftAndSubmit("general", "差し戻しの確認");
    let t = approval.route[0].token;
    expect((await decide("headTeacher", approval.id, { type: "approve", stepToken: t })).status).toBe(200);
    const vpView = await call("vp", "GET", `${base}/approvals/${approval.id}`);
    t = vpView.body.abilities.stepToken;
    const noComment = await decide("vp", approval.id, { type: "return", stepToken: t });
    expect(noComment.body.error.code).toBe("APPROVAL_COMMENT_REQUIRED");
    const returned = await decide("vp", approval.id, {
      type: "return",
      stepToken: t,
      comment: "日程を修正してください",
    });
    expect(returned.body.approval.status).toBe("returned");

    const mine = await call("teacher", "GET", `${base}/approvals/${approval.id}`);
    expect(mine.body.abilities).toMatchObject({ edit: true, submit: true });
    const drafterTasks = await call("teacher", "GET", "/api/tasks");
    expect(drafterTasks.body.items.map((t: Json) => t.id)).toContain(`approvals.returned:${approval.id}`);
    const edited = await call(
      "teacher",
      "PATCH",
      `${base}/approvals/${approval.id}`,
      { title: "差し戻しの確認（修正）" },
      { "if-match": mine.body.etag },
    );
    expect(edited.status).toBe(200);
    const again = await call("teacher", "POST", `${base}/approvals/${approval.id}/submit`, undefined, {
      "if-match": edited.body.etag,
    });
    expect(again.body.approval).toMatchObject({ status: "inRoute", round: 2, title: "差し戻しの確認（修正）" });

    for (const who of ["headTeacher", "vp"] as const) {
      const view = await call(who, "GET", `${base}/approvals/${approval.id}`);
      expect(
        (await decide(who, approval.id, { type: "approve", stepToken: view.body.abilities.stepToken })).status,
      ).toBe(200);
    }
    const deputy = await call("vp", "GET", `${base}/approvals/${approval.id}`);
    expect(deputy.body.abilities).toMatchObject({ decide: false, delegate: true });
    const done = await decide("vp", approval.id, {
      type: "delegate",
      stepToken: deputy.body.abilities.stepToken,
      comment: "校長出張のため",
    });
    expect(done.body.approval.status).toBe("approved");
    expect(done.body.approval.route[2].assignees[0]).toMatchObject({
      decision: "approve",
      deputy: { oid: users.vp.id },
    });
    const principalTasks = await call("principal", "GET", "/api/tasks");
    expect(principalTasks.body.items.map((t: Json) => t.id)).toContain(`approvals.review:${approval.id}`);
    const reviewed = await call("principal", "POST", `${base}/approvals/${approval.id}/review`, {
      stageId: "principal",
    });
    expect(reviewed.body.approval.route[2].assignees[0].reviewedAt).not.toBeNull();
    // Paging: the teacher's unfinished drafts one per page, each page's next cursor leading on.
    const all = await call("teacher", "GET", `${base}/approvals?box=drafts&limit=100`);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        "teacher",
        "GET",
        `${base}/approvals?box=drafts&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((i: Json) => i.id));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((i: Json) => i.id));
    expect(seen.length).toBeGreaterThan(1);
    const doneList = await call("teacher", "GET", `${base}/approvals?box=done`);
    expect(doneList.body.items.map((i: Json) => i.id)).toContain(approval.id);
  }, 60_000);

  it("引戻し before the first decision, not after", async () => {
    const { approval } = await draftAndSubmit("general", "引戻しの確認");
    const detail = await call("teacher", "GET", `${base}/approvals/${approval.id}`);
    expect(detail.body.abilities.withdraw).toBe(true);
    expect(
      (
        await call(
          "headTeacher",
          "POST",
          `${base}/approvals/${approval.id}/withdraw`,
          {},
          { "if-match": detail.etag ?? "" },
        )
      ).status,
    ).toBe(403);
    const withdrawn = await call(
      "teacher",
      "POST",
      `${base}/approvals/${approval.id}/withdraw`,
      { comment: "添付漏れ" },
      { "if-match": detail.etag ?? "" },
    );
    expect(withdrawn.body.approval.status).toBe("withdrawn");
    const again = await call("teacher", "POST", `${base}/approvals/${approval.id}/submit`, undefined, {
      "if-match": withdrawn.etag ?? "",
    });
    expect(
      (await decide("headTeacher", approval.id, { type: "approve", stepToken: again.body.approval.route[0].token }))
        .status,
    ).toBe(200);
    const late = await call("teacher", "GET", `${base}/approvals/${approval.id}`);
    const refused = await call(
      "teacher",
      "POST",
      `${base}/approvals/${approval.id}/withdraw`,
      {},
      { "if-match": late.etag ?? "" },
    );
    expect(refused.body.error.code).toBe("APPROVAL_WITHDRAW_CLOSED");
  }, 60_000);
});

describe("合議 (2 of the grade heads)", () => {
  it("the drafter is not among the consultees; one approval of two leaves the stage open", async () => {
    const { approval } = await draftAndSubmit("consultation", "学年行事の合議");
    const consult = approval.route[0];
    const oids: string[] = consult.assignees.map((a: Json) => a.oid);
    expect(oids).not.toContain(users.teacher.id);
    expect(oids).toContain(users.grade3.id);
    expect(consult.rule).toEqual({ kind: "nOfM", n: 2 });
    const first = await decide("grade3", approval.id, { type: "approve", stepToken: consult.token });
    expect(first.body.approval.route[0].status).toBe("active");
    expect(first.body.approval.route[0].assignees.filter((a: Json) => a.decision === "approve")).toHaveLength(1);
  }, 60_000);

  it("two grade heads approving at the same moment are both recorded, and the stage passes once", async () => {
    const { approval } = await draftAndSubmit("consultation", "同時の合議");
    const consult = approval.route[0];
    const others = consult.assignees.filter((a: Json) => a.oid !== users.grade3.id).slice(0, 1);
    const users_ = [
      ...platform.tenant.ctx.store.collection<{ id: string; userPrincipalName: string }>("users").values(),
    ];
    const tokensOf = await Promise.all(
      others.map((a: Json) => signIn(platform, users_.find((u) => u.id === a.oid)?.userPrincipalName ?? "")),
    );
    const post = (token: string) =>
      fetch(`${platform.url}${base}/approvals/${approval.id}/decisions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "approve", stepToken: consult.token }),
      }).then((r) => r.status);
    const statuses = await Promise.all([post(tokens.grade3 ?? ""), ...tokensOf.map(post)]);
    expect(statuses).toEqual([200, 200]);
    const after = await call("teacher", "GET", `${base}/approvals/${approval.id}`);
    expect(after.body.approval.route.map((s: Json) => s.status)).toEqual(["passed", "active", "waiting"]);
    expect(after.body.approval.route[0].assignees.filter((a: Json) => a.decision === "approve")).toHaveLength(2);
    expect(after.body.approval.history.filter((h: Json) => h.action === "approved")).toHaveLength(2);
    expect(after.body.approval.route[1].token).not.toBeNull();
  }, 60_000);
});

describe("the main document", () => {
  const PNG_1x1 = Uint8Array.from(
    Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
      "base64",
    ),
  );
  async function upload(name: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const res = await fetch(`${platform.url}${base}/records/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokens.teacher}`,
        "content-type": contentType,
        "x-komu-file-name": encodeURIComponent(name),
      },
      body: Buffer.from(bytes),
    });
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(201);
    return body.uploadId;
  }
  const draft = (mainUploadId: string, attachmentUploadIds: string[] = []) =>
    call("teacher", "POST", `${base}/approvals`, {
      templateId: "general",
      title: "本文の確認",
      categoryCode: "C-04",
      mainUploadId,
      attachmentUploadIds,
    });

  it("an image becomes a one-page PDF; Office files are attachments, never the main document", async () => {
    const image = await draft(await upload("掲示物.png", PNG_1x1, "image/png"));
    expect(image.status, JSON.stringify(image.body)).toBe(201);
    expect(image.body.approval.main).toMatchObject({ mimeType: "application/pdf", fileName: "掲示物.pdf" });
    const content = await fetch(`${platform.url}${image.body.contentUrl}`, {
      headers: { authorization: `Bearer ${tokens.teacher}` },
    });
    expect(content.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await content.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

    const docx = await upload("資料.docx", await docxBytes(), "application/octet-stream");
    const office = await draft(docx);
    expect(office.status).toBe(415);
    expect(office.body.error.code).toBe("FILE_TYPE_NOT_ALLOWED");
    const withAttachment = await draft(await uploadPdf("teacher"), [docx]);
    expect(withAttachment.status).toBe(201);
    expect(withAttachment.body.approval.attachments.map((a: Json) => a.fileName)).toEqual(["資料.docx"]);
  });

  it("several images become one PDF, a page each, in order", async () => {
    const ids = [
      await upload("p1.png", PNG_1x1, "image/png"),
      await upload("p2.png", PNG_1x1, "image/png"),
      await upload("p3.png", PNG_1x1, "image/png"),
    ];
    const res = await call("teacher", "POST", `${base}/approvals`, {
      templateId: "general",
      title: "写真の起案",
      categoryCode: "C-04",
      mainUploadId: ids[0],
      pageImageUploadIds: ids.slice(1),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const content = await fetch(`${platform.url}${res.body.contentUrl}`, {
      headers: { authorization: `Bearer ${tokens.teacher}` },
    });
    const pages = await pdfPageTexts(new Uint8Array(await content.arrayBuffer()));
    expect(pages).toHaveLength(3);
    const pdfAsPage = await call("teacher", "POST", `${base}/approvals`, {
      templateId: "general",
      title: "混在",
      categoryCode: "C-04",
      mainUploadId: ids[0],
      pageImageUploadIds: [await uploadPdf("teacher")],
    });
    expect(pdfAsPage.status).toBe(415);
  });

  it("an encrypted PDF is refused when drafting, not at 決裁; someone else's upload is not found", async () => {
    const encrypted = await draft(await upload("保護.pdf", await encryptedPdf(), "application/pdf"));
    expect(encrypted.status).toBe(422);
    expect(encrypted.body.error.code).toBe("PDF_ENCRYPTED");
    const theirs = await uploadPdf("headTeacher");
    const notMine = await draft(theirs);
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.code).toBe("UPLOAD_NOT_FOUND");
  });
});

describe("registered seal images", () => {
  async function putSeal(who: Who, bytes: Uint8Array) {
    const res = await fetch(`${platform.url}${base}/approval-seal`, {
      method: "PUT",
      headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "image/png" },
      body: Buffer.from(bytes),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** Image XObjects on the sealed PDF's first page (drawn imprints are vector paths). */
  async function imagesOnFirstPage(bytes: Uint8Array): Promise<number> {
    const doc = await PDFDocument.load(bytes);
    const xobjects = doc.getPage(0).node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
    if (!xobjects) return 0;
    return xobjects
      .keys()
      .map((k) => xobjects.lookup(k))
      .filter((o) => o instanceof PDFRawStream && o.dict.get(PDFName.of("Subtype"))?.toString() === "/Image").length;
  }

  async function approveAllAndFetch(title: string): Promise<Uint8Array> {
    const { approval } = await draftAndSubmit("general", title);
    for (const who of ["headTeacher", "vp", "principal"] as const) {
      const view = await call(who, "GET", `${base}/approvals/${approval.id}`);
      const r = await decide(who, approval.id, { type: "approve", stepToken: view.body.abilities.stepToken });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    for (let i = 0; i < 150; i++) {
      const detail = await call("teacher", "GET", `${base}/approvals/${approval.id}`);
      if (detail.body.approval.filing.status === "filed") {
        const res = await fetch(`${platform.url}${base}/records/${detail.body.approval.filing.recordId}/content`, {
          headers: { authorization: `Bearer ${tokens.teacher}` },
        });
        return new Uint8Array(await res.arrayBuffer());
      }
      expect(detail.body.approval.filing.status).not.toBe("failed");
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("not filed");
  }

  it("a principal registers a PNG seal; bad images are refused; the sealed PDF carries the image", async () => {
    expect((await putSeal("principal", new TextEncoder().encode("not a png at all, really"))).body.error.code).toBe(
      "IMAGE_INVALID",
    );
    expect((await putSeal("principal", solidPng(8, 8))).status).toBe(422);
    const before = await imagesOnFirstPage(await approveAllAndFetch("印影画像なし"));
    const ok = await putSeal("principal", solidPng(96, 96));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ width: 96, height: 96 });
    const got = await fetch(`${platform.url}${base}/approval-seal`, {
      headers: { authorization: `Bearer ${tokens.principal}` },
    });
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(
      (await fetch(`${platform.url}${base}/approval-seal`, { headers: { authorization: `Bearer ${tokens.vp}` } }))
        .status,
    ).toBe(404);
    const after = await imagesOnFirstPage(await approveAllAndFetch("印影画像あり"));
    expect(after).toBe(before + 1);
  }, 90_000);
});

describe("people named by the drafter", () => {
  it("a 合議 with the school nurse named individually; a student or another school's teacher is refused at submission", async () => {
    const create = async (people: string[]) => {
      const mainUploadId = await uploadPdf("teacher");
      const created = await call("teacher", "POST", `${base}/approvals`, {
        templateId: "general",
        title: "保健指導の計画",
        categoryCode: "C-04",
        mainUploadId,
        routeEdits: {
          add: [
            {
              after: "head-teacher",
              kind: "consultation",
              label: "合議（養護）",
              roles: [],
              people,
              rule: { kind: "all" },
            },
          ],
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return call("teacher", "POST", `${base}/approvals/${created.body.approval.id}/submit`, undefined, {
        "if-match": created.body.etag,
      });
    };
    const ok = await create([users.nurse.id]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.approval.route.map((s: Json) => s.id)).toEqual([
      "head-teacher",
      "added-1",
      "vice-principal",
      "principal",
    ]);
    expect(ok.body.approval.route[1].assignees).toEqual([
      expect.objectContaining({ oid: users.nurse.id, name: users.nurse.displayName, role: "nurse" }),
    ]);
    for (const outsider of [users.student.id, users.other.id]) {
      const refused = await create([outsider]);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({ reason: "notStaff", oid: outsider });
    }
  }, 60_000);
});

describe("attachments at 決裁", () => {
  it("are filed as records related to the approval (same category, no number)", async () => {
    const docxUpload = await fetch(`${platform.url}${base}/records/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokens.teacher}`,
        "content-type": "application/octet-stream",
        "x-komu-file-name": encodeURIComponent("日程表.docx"),
      },
      body: Buffer.from(await docxBytes()),
    });
    const docx = ((await docxUpload.json()) as Json).uploadId;
    const created = await call("teacher", "POST", `${base}/approvals`, {
      templateId: "general",
      title: "遠足の実施（添付あり）",
      categoryCode: "C-04",
      mainUploadId: await uploadPdf("teacher"),
      attachmentUploadIds: [docx],
    });
    const sent = await call("teacher", "POST", `${base}/approvals/${created.body.approval.id}/submit`, undefined, {
      "if-match": created.body.etag,
    });
    const id = sent.body.approval.id;
    for (const who of ["headTeacher", "vp", "principal"] as const) {
      const view = await call(who, "GET", `${base}/approvals/${id}`);
      expect((await decide(who, id, { type: "approve", stepToken: view.body.abilities.stepToken })).status).toBe(200);
    }
    let filing: Json;
    for (let i = 0; i < 150; i++) {
      filing = (await call("teacher", "GET", `${base}/approvals/${id}`)).body.approval.filing;
      if (filing.status !== "pending" && filing.status !== "none") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(filing.status).toBe("filed");
    const list = await call("teacher", "GET", `${base}/records?q=${encodeURIComponent("遠足の実施")}`);
    const related = list.body.items.filter((r: Json) => r.related?.id === id);
    expect(related.map((r: Json) => r.title).sort()).toEqual([
      "遠足の実施（添付あり）",
      "遠足の実施（添付あり）（添付 1: 日程表.docx）",
    ]);
    const attachment = related.find((r: Json) => r.title.includes("添付 1"));
    expect(attachment).toMatchObject({ number: null, categoryCode: "C-04", fileName: "日程表.docx" });
  }, 90_000);
});
