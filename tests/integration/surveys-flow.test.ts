/**
 * The surveys API on the local platform: drafts (create, read with ETag, edit, delete, list own vs
 * all for the principal), templates, audience previews (staff by role, students by class with
 * warnings, guardians), opening (empty audience refused, twice is idempotent, no edits after),
 * answering in the tab (partial, then submit, then edit), the assigned list and my tasks,
 * students answering their survey, closing.
 */
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;
const SCHOOL = "aoba-e";
const U = {
  owner: KNOWN_USERS.aobaTeacher,
  head: KNOWN_USERS.aobaHeadTeacher,
  principal: KNOWN_USERS.aobaPrincipal,
  nurse: KNOWN_USERS.aobaNurse,
  student: KNOWN_USERS.aobaStudent,
  other: KNOWN_USERS.higashiTeacher,
};
let platform: RunningPlatform;
const tokens = new Map<string, string>();

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function call(
  who: { upn: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json; etag: string | null }> {
  let token = tokens.get(who.upn);
  if (!token) {
    token = await signIn(platform, who.upn);
    tokens.set(who.upn, token);
  }
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, etag: res.headers.get("etag") };
}

const base = `/api/schools/${SCHOOL}/surveys`;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const definition = (over: Json = {}) => ({
  title: "来年度の校務分掌の希望",
  deadline: inDays(5),
  audience: { kind: "staff", roles: [] },
  questions: [
    {
      id: "q1",
      type: "single",
      title: "第一希望",
      required: true,
      choices: [
        { id: "kyomu", label: "教務" },
        { id: "seito", label: "生徒指導" },
        { id: "kenkyu", label: "研究" },
      ],
    },
    { id: "q2", type: "longText", title: "理由", required: true, maxLength: 500 },
  ],
  ...over,
});

describe("surveys API", () => {
  let draft: Json;

  it("drafts: create (deadline in the future), read with ETag, edit with If-Match, list", async () => {
    const past = await call(U.owner, "POST", base, definition({ deadline: inDays(-1) }));
    expect(past.status).toBe(400);
    expect(past.json.error.code).toBe("SURVEY_DEADLINE_PAST");
    const bad = await call(U.owner, "POST", base, definition({ questions: [] }));
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("VALIDATION_FAILED");
    const studentTry = await call(U.student, "POST", base, definition());
    expect(studentTry.status).toBe(403);

    const created = await call(U.owner, "POST", base, definition());
    expect(created.status).toBe(201);
    draft = created.json;
    expect(draft).toMatchObject({ status: "draft", recipients: 0, answerInCard: false, owner: { oid: U.owner.id } });
    expect(created.etag).toBe(draft.etag);

    const got = await call(U.owner, "GET", `${base}/${draft.id}`);
    expect(got.status).toBe(200);
    expect(got.etag).toBe(draft.etag);

    const noMatch = await call(U.owner, "PUT", `${base}/${draft.id}`, definition({ title: "改" }));
    expect(noMatch.status).toBe(428);
    const edited = await call(U.owner, "PUT", `${base}/${draft.id}`, definition({ title: "校務分掌の希望調査" }), {
      "if-match": draft.etag,
    });
    expect(edited.status).toBe(200);
    expect(edited.json.title).toBe("校務分掌の希望調査");
    expect(edited.json.etag).not.toBe(draft.etag);
    const stale = await call(U.owner, "PUT", `${base}/${draft.id}`, definition({ title: "古い版" }), {
      "if-match": draft.etag,
    });
    expect(stale.status).toBe(412);
    draft = edited.json;

    // Another teacher neither sees nor edits it; the principal (survey.oversee) sees it.
    expect((await call(U.head, "GET", `${base}/${draft.id}`)).status).toBe(403);
    expect((await call(U.head, "GET", base)).json.items.map((s: Json) => s.id)).not.toContain(draft.id);
    expect((await call(U.principal, "GET", `${base}/${draft.id}`)).status).toBe(200);
    expect((await call(U.principal, "GET", `${base}?status=draft`)).json.items.map((s: Json) => s.id)).toContain(
      draft.id,
    );
    expect((await call(U.owner, "GET", `${base}?status=open`)).json.items.map((s: Json) => s.id)).not.toContain(
      draft.id,
    );
  });

  it("a create retried with the same Idempotency-Key makes one survey", async () => {
    const key = "create-once-1";
    const body = definition({ title: "一度だけ" });
    const a = await call(U.owner, "POST", base, body, { "idempotency-key": key });
    const b = await call(U.owner, "POST", base, body, { "idempotency-key": key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.id).toBe(a.json.id);
    const mine = (await call(U.owner, "GET", `${base}?status=draft`)).json.items.filter(
      (s: Json) => s.title === "一度だけ",
    );
    expect(mine).toHaveLength(1);
  });

  it("templates: three, each a fresh definition the API accepts", async () => {
    const list = await call(U.owner, "GET", `${base}/templates`);
    expect(list.status).toBe(200);
    expect(list.json.items.map((t: Json) => t.id)).toEqual(["schoolEvaluation", "eventAttendance", "interviewRequest"]);
    const t = list.json.items[1];
    const created = await call(U.owner, "POST", base, t.definition);
    expect(created.status).toBe(201);
    expect(created.json.templateId).toBe("eventAttendance");
    const removed = await call(U.owner, "DELETE", `${base}/${created.json.id}`, undefined, {
      "if-match": created.json.etag,
    });
    expect(removed.status).toBe(204);
    expect((await call(U.owner, "GET", `${base}/${created.json.id}`)).status).toBe(404);
  });

  it("audience previews: staff by role, students and guardians by class", async () => {
    const staff = await call(U.owner, "POST", `${base}/audience-preview`, { audience: { kind: "staff", roles: [] } });
    expect(staff.status).toBe(200);
    expect(staff.json.recipients).toBeGreaterThanOrEqual(20);
    expect(staff.json.groups).toEqual([{ label: "教職員", count: staff.json.recipients }]);

    const roles = await call(U.owner, "POST", `${base}/audience-preview`, {
      audience: { kind: "staff", roles: ["principal", "vicePrincipal", "nurse"] },
    });
    expect(roles.json.recipients).toBe(3);
    expect(roles.json.groups.map((g: Json) => g.label)).toEqual(["校長", "教頭", "養護教諭"]);

    const students = await call(U.owner, "POST", `${base}/audience-preview`, {
      audience: { kind: "students", groups: [{ grade: 3, class: 1 }, { grade: 5 }] },
    });
    const studentGroups = students.json.groups.map((g: Json) => g.label);
    expect(studentGroups).toEqual(expect.arrayContaining(["3年1組"]));
    expect(studentGroups.every((l: string) => l === "3年1組" || l.startsWith("5年"))).toBe(true);
    expect(students.json.recipients).toBe(students.json.groups.reduce((n: number, g: Json) => n + g.count, 0));

    const guardians = await call(U.owner, "POST", `${base}/audience-preview`, {
      audience: { kind: "guardians", groups: [{ grade: 1 }] },
    });
    expect(guardians.json.recipients).toBe(10);
    expect(guardians.json.groups).toEqual([
      { label: "1年1組", count: 5 },
      { label: "1年2組", count: 5 },
    ]);

    const nobody = await call(U.owner, "POST", `${base}/audience-preview`, {
      audience: { kind: "staff", roles: ["boardStaff"] },
    });
    expect(nobody.json.recipients).toBe(0);
    expect(nobody.json.warnings.length).toBeGreaterThan(0);
  });

  it("open: empty audience refused; then open, twice idempotent; no edits after", async () => {
    const empty = await call(U.owner, "POST", base, definition({ audience: { kind: "staff", roles: ["boardStaff"] } }));
    const refused = await call(U.owner, "POST", `${base}/${empty.json.id}/open`, undefined, {
      "if-match": empty.json.etag,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("SURVEY_AUDIENCE_EMPTY");

    const opened = await call(U.owner, "POST", `${base}/${draft.id}/open`, undefined, { "if-match": draft.etag });
    expect(opened.status).toBe(200);
    expect(opened.json.status).toBe("open");
    expect(opened.json.recipients).toBeGreaterThanOrEqual(20);
    const again = await call(U.owner, "POST", `${base}/${draft.id}/open`, undefined, { "if-match": draft.etag });
    expect(again.status).toBe(200);
    expect(again.json.etag).toBe(opened.json.etag);
    expect(again.json.recipients).toBe(opened.json.recipients);
    const edit = await call(U.owner, "PUT", `${base}/${draft.id}`, definition(), { "if-match": opened.json.etag });
    expect(edit.status).toBe(409);
    expect(edit.json.error.code).toBe("SURVEY_NOT_DRAFT");
    const del = await call(U.owner, "DELETE", `${base}/${draft.id}`, undefined, { "if-match": opened.json.etag });
    expect(del.status).toBe(409);
    draft = opened.json;
  });

  it("the tab: assigned list and task, partial save, submit, edit; others are not recipients", async () => {
    const assigned = await call(U.head, "GET", "/api/surveys/assigned");
    expect(assigned.json.items).toContainEqual(
      expect.objectContaining({ id: draft.id, schoolId: SCHOOL, status: "none", acceptsAnswers: true }),
    );
    const tasks = await call(U.head, "GET", "/api/tasks");
    const task = (tasks.json.items ?? tasks.json).find((t: Json) => t.id === `surveys:${SCHOOL}:${draft.id}`);
    expect(task).toMatchObject({ href: `/surveys/answer/${SCHOOL}/${draft.id}`, dueAt: draft.deadline });

    const path = `${base}/${draft.id}/my-response`;
    const empty = await call(U.head, "GET", path);
    expect(empty.json).toMatchObject({ status: "none", answers: {}, survey: { id: draft.id, acceptsAnswers: true } });

    const missing = await call(U.head, "PUT", path, { answers: { q1: "kyomu" }, submit: true });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("SURVEY_ANSWER_INVALID");
    expect(missing.json.error.details.problems.map((p: Json) => p.problem)).toEqual(["required"]);

    const partial = await call(U.head, "PUT", path, { answers: { q1: "kyomu" }, submit: false });
    expect(partial.json).toMatchObject({ status: "partial", answers: { q1: "kyomu" }, submittedAt: null });
    expect(
      (await call(U.head, "GET", "/api/surveys/assigned")).json.items.find((s: Json) => s.id === draft.id).status,
    ).toBe("partial");
    const trackingPartial = await call(U.owner, "GET", `${base}/${draft.id}/tracking`);
    expect(trackingPartial.json.partial).toBe(1);
    expect(trackingPartial.json.total.answered).toBe(0);

    const submitted = await call(U.head, "PUT", path, {
      answers: { q1: "kyomu", q2: "経験を活かしたい" },
      submit: true,
    });
    expect(submitted.json).toMatchObject({ status: "submitted", answers: { q1: "kyomu", q2: "経験を活かしたい" } });
    const firstAt = submitted.json.submittedAt;
    const changed = await call(U.head, "PUT", path, { answers: { q1: "seito", q2: "変更します" }, submit: true });
    expect(changed.json).toMatchObject({ status: "submitted", answers: { q1: "seito" }, submittedAt: firstAt });

    const tracking = await call(U.principal, "GET", `${base}/${draft.id}/tracking`);
    expect(tracking.json.total.answered).toBe(1);
    expect(tracking.json.partial).toBe(0);
    expect(tracking.json.nonResponders.map((r: Json) => r.key)).not.toContain(`u-${U.head.id}`);
    const task2 = (await call(U.head, "GET", "/api/tasks")).json;
    expect((task2.items ?? task2).some((t: Json) => t.id === `surveys:${SCHOOL}:${draft.id}`)).toBe(false);
    expect((await call(U.owner, "GET", `${base}/${draft.id}`)).json.answered).toBe(1);

    // Someone of another school is not asked.
    const other = await call(U.other, "GET", `/api/schools/${SCHOOL}/surveys/${draft.id}/my-response`);
    expect(other.status).toBe(403);
  });

  it("students answer a students survey in the tab; closing stops answers", async () => {
    const created = await call(
      U.owner,
      "POST",
      base,
      definition({
        title: "委員会活動の希望",
        audience: { kind: "students", groups: [{ grade: 3 }] },
        questions: [{ id: "q1", type: "yesNo", title: "委員会に参加したい", required: true }],
      }),
    );
    expect(created.json.answerInCard).toBe(true);
    const opened = await call(U.owner, "POST", `${base}/${created.json.id}/open`, undefined, {
      "if-match": created.json.etag,
    });
    expect(opened.status).toBe(200);
    const path = `${base}/${created.json.id}/my-response`;
    const answered = await call(U.student, "PUT", path, { answers: { q1: true }, submit: true });
    expect(answered.json).toMatchObject({ status: "submitted", answers: { q1: true } });
    const tracking = await call(U.owner, "GET", `${base}/${created.json.id}/tracking`);
    expect(tracking.json.total.answered).toBe(1);
    expect(tracking.json.byClass.map((c: Json) => c.label)).toEqual(["3年1組", "3年2組"]);
    // A teacher is not among the students asked.
    expect((await call(U.head, "GET", path)).json.error.code).toBe("SURVEY_NOT_RECIPIENT");

    const past = await call(
      U.owner,
      "POST",
      `${base}/${created.json.id}/deadline`,
      { deadline: inDays(-1) },
      { "if-match": opened.json.etag },
    );
    expect(past.json.error.code).toBe("SURVEY_DEADLINE_PAST");
    const later = inDays(10);
    const moved = await call(
      U.owner,
      "POST",
      `${base}/${created.json.id}/deadline`,
      { deadline: later },
      { "if-match": opened.json.etag },
    );
    expect(moved.status).toBe(200);
    expect(moved.json.deadline).toBe(later);
    expect(moved.json.answered).toBe(1);
    const list = (await call(U.owner, "GET", `${base}?status=open`)).json.items;
    expect(list.find((s: Json) => s.id === created.json.id)).toMatchObject({ answered: 1, sourceKind: "komu" });

    const closed = await call(U.owner, "POST", `${base}/${created.json.id}/close`, undefined, {
      "if-match": moved.json.etag,
    });
    expect(closed.json.status).toBe("closed");
    const late = await call(U.student, "PUT", path, { answers: { q1: false }, submit: true });
    expect(late.json.error.code).toBe("SURVEY_CLOSED");
  });
});
