/**
 * Surveys in Teams through the local tenant's Bot Connector and Teams client invokes: the 教務主任
 * of 青葉中学校 sends a staff survey to the 25 teachers; each gets exactly one card in their chat;
 * 20 answer on their cards at once (all land); tracking shows 20/25 and exactly the other five;
 * a reminder reaches only the five, once (a retried request or effect sends nothing more); invalid
 * answers come back on the card and record nothing; a user of another school clicking a forwarded
 * card is refused; after the deadline answers are refused (SURVEY_CLOSED); a teacher who is not the
 * owner may not see the tracking.
 */

import { surveyEntity } from "@komu/functions/surveys/entities";
import { sendScheduledReminders } from "@komu/functions/surveys/remind/schedule";
import type { RunningPlatform } from "@komu/local/platform";
import { openPersonalChat } from "@komu/local/tenant/bot/deliver";
import { staffUserId } from "@komu/local/tenant/seed/ids";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { readRoster } from "@komu/local/tenant/seed/roster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CardMessage,
  cardMessages,
  cardText,
  click,
  executeActions,
  invokeOn,
} from "../support/approval-cards.js";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;
const SCHOOL = "aoba-j";
const roster = readRoster();
const staffRow = (surname: string, given: string) => {
  const row = roster.staff.find((r) => r.学校コード === SCHOOL && r.姓 === surname && r.名 === given);
  if (!row) throw new Error(`no staff ${surname} ${given}`);
  return { id: staffUserId(row.職員番号), upn: row.メール };
};
const HEAD = staffRow("近藤", "千尋"); // 教務主任 (also a teacher)
const TEACHERS = roster.staff
  .filter((r) => r.学校コード === SCHOOL && r.職名 === "教諭")
  .map((r) => ({ id: staffUserId(r.職員番号), upn: r.メール }));

let platform: RunningPlatform;
let headToken: string;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  headToken = await signIn(platform, HEAD.upn);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token = headToken,
): Promise<{ status: number; json: Json; etag: string | null }> {
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

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await call(method, path, body, headers);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

const surveyCards = (oid: string, title: string) =>
  cardMessages(platform, oid).filter((m) => cardText(m.card).includes(title));

async function waitUntil(what: string, ok: () => boolean, timeoutMs = 20_000) {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 1_000));

describe("survey cards in Teams", () => {
  let survey: Json;
  const title = "校内研修会の出欠（カード）";
  const first = new Map<string, CardMessage>();
  let answered: typeof TEACHERS = [];
  let rest: typeof TEACHERS = [];

  it("the seed has 25 teachers at 青葉中学校", () => {
    expect(TEACHERS).toHaveLength(25);
  });

  it("sends a staff survey to the 25 teachers: one card each, answerable in the card", async () => {
    const created = await api("POST", `/api/schools/${SCHOOL}/surveys`, {
      title,
      description: "12月の校内研修会について回答してください。",
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      audience: { kind: "staff", roles: ["teacher"] },
      questions: [
        {
          id: "q1",
          type: "single",
          title: "出欠",
          required: true,
          choices: [
            { id: "yes", label: "出席" },
            { id: "no", label: "欠席" },
          ],
        },
        { id: "q2", type: "number", title: "持参する教材の数", required: true, min: 0, max: 10 },
        { id: "q3", type: "shortText", title: "連絡事項", maxLength: 50 },
      ],
    });
    expect(created.answerInCard).toBe(true);
    const opened = await call("POST", `/api/schools/${SCHOOL}/surveys/${created.id}/open`, undefined, {
      "if-match": created.etag,
    });
    expect(opened.status).toBe(200);
    survey = opened.json;
    expect(survey.status).toBe("open");
    expect(survey.recipients).toBe(25);

    await waitUntil("a card in every teacher's chat", () =>
      TEACHERS.every((t) => surveyCards(t.id, title).length >= 1),
    );
    await settle();
    for (const t of TEACHERS) {
      const cards = surveyCards(t.id, title);
      expect(cards, t.upn).toHaveLength(1);
      first.set(t.id, cards[0] as CardMessage);
      expect(executeActions(cards[0]?.card).map((a: Json) => a.verb)).toEqual(["survey.submit", "survey.save"]);
    }
    // Someone not asked got nothing.
    expect(surveyCards(staffRow("福田", "誠").id, title)).toHaveLength(0);
  }, 120_000);

  it("20 teachers answer on their cards at the same time: every answer lands", async () => {
    answered = TEACHERS.slice(0, 20);
    rest = TEACHERS.slice(20);
    const replies = await Promise.all(
      answered.map((t, i) =>
        click(platform, t.id, first.get(t.id) as CardMessage, "survey.submit", {
          q1: i % 3 === 0 ? "no" : "yes",
          q2: String(i % 11),
          q3: i === 0 ? "遅れて参加します" : "",
        }),
      ),
    );
    for (const r of replies) {
      expect(r.status).toBe(200);
      expect(cardText(r.card)).toContain("回答済み");
      expect(executeActions(r.card).map((a: Json) => a.verb)).toEqual(["survey.edit"]);
    }
    const tracking = await api("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}/tracking`);
    expect(tracking.total).toMatchObject({ total: 25, answered: 20 });
    expect(tracking.nonResponders.map((r: Json) => r.key).sort()).toEqual(rest.map((t) => `u-${t.id}`).sort());
    // The answers are stored as typed values.
    const mine = await call(
      "GET",
      `/api/schools/${SCHOOL}/surveys/${survey.id}/my-response`,
      undefined,
      {},
      await signIn(platform, (answered[0] as { upn: string }).upn),
    );
    expect(mine.json).toMatchObject({ status: "submitted", answers: { q1: "no", q2: 0, q3: "遅れて参加します" } });
  }, 120_000);

  it("an invalid answer comes back on the card with the problem and records nothing", async () => {
    const t = rest[0] as { id: string; upn: string };
    const reply = await click(platform, t.id, first.get(t.id) as CardMessage, "survey.submit", { q1: "yes", q2: "99" });
    expect(reply.status).toBe(200);
    const text = cardText(reply.card);
    expect(text).toContain("回答を受け付けられませんでした");
    expect(text).toContain("0 から 10 の範囲");
    // What was typed is kept in the inputs.
    expect(text).toContain('"value":99');
    const tracking = await api("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}/tracking`);
    expect(tracking.total.answered).toBe(20);
    expect(tracking.partial).toBe(0);
  });

  it("a user of another school clicking a forwarded card is refused; a non-owner teacher may not track", async () => {
    const other = KNOWN_USERS.higashiTeacher;
    await openPersonalChat(platform.tenant.ctx, other.id);
    const welcome = cardMessages(platform, other.id)[0];
    const data = executeActions((first.get(HEAD.id) ?? first.values().next().value)?.card).find(
      (a: Json) => a.verb === "survey.submit",
    ).data;
    const forged = await invokeOn(platform, other.id, welcome?.id ?? "", "survey.submit", {
      ...data,
      q1: "yes",
      q2: "1",
    });
    expect(cardText(forged.card)).toContain("回答対象ではない");
    expect(cardText(forged.card)).not.toContain(title);

    const teacher = TEACHERS.find((t) => t.id !== HEAD.id) as { upn: string };
    const denied = await call(
      "GET",
      `/api/schools/${SCHOOL}/surveys/${survey.id}/tracking`,
      undefined,
      {},
      await signIn(platform, teacher.upn),
    );
    expect(denied.status).toBe(403);
    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    expect(
      audit.items.some(
        (e) =>
          e.event.kind === "auth.denied" && (e.event.data as Json).path?.endsWith(`/surveys/${survey.id}/tracking`),
      ),
    ).toBe(true);
    const tracking = await api("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}/tracking`);
    expect(tracking.total.answered).toBe(20);
  });

  it("remind: the five non-responders get one reminder card each, nobody else; retries send nothing more", async () => {
    const key = `remind-${survey.id}`;
    const reminded = await api(
      "POST",
      `/api/schools/${SCHOOL}/surveys/${survey.id}/remind`,
      {},
      { "idempotency-key": key },
    );
    expect(reminded).toMatchObject({ cards: 5, guardians: 0, skipped: 20 }); // skipped: the 20 who answered
    await waitUntil("a reminder for each of the five", () => rest.every((t) => surveyCards(t.id, title).length === 2));
    for (const t of rest) {
      const latest = surveyCards(t.id, title)[1] as CardMessage;
      expect(cardText(latest.card)).toContain("リマインド");
    }
    // The same request retried (same Idempotency-Key): the same reminder, nothing new.
    const again = await api(
      "POST",
      `/api/schools/${SCHOOL}/surveys/${survey.id}/remind`,
      {},
      { "idempotency-key": key },
    );
    expect(again.reminderId).toBe(reminded.reminderId);
    // The effect itself run again (a retry after a crash): everyone is already marked.
    const handler = platform.deps.effectHandlers["surveys.remind"];
    await handler?.({ surveyId: survey.id, reminderId: reminded.reminderId, keys: rest.map((t) => `u-${t.id}`) }, 2, {
      id: "retry",
      kind: "surveys.remind",
      schoolId: SCHOOL,
      dedupeKey: reminded.reminderId,
      attempt: 2,
      signal: new AbortController().signal,
    });
    await settle();
    for (const t of rest) expect(surveyCards(t.id, title), t.upn).toHaveLength(2);
    for (const t of answered) expect(surveyCards(t.id, title), t.upn).toHaveLength(1);
    const tracking = await api("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}/tracking`);
    expect(tracking.nonResponders.map((r: Json) => r.remindCount)).toEqual([1, 1, 1, 1, 1]);
  }, 60_000);

  it("only required answers missing: the card names them and keeps the rest as a partial answer", async () => {
    const t = rest[2] as { id: string; upn: string };
    const reply = await click(platform, t.id, first.get(t.id) as CardMessage, "survey.submit", { q1: "no" });
    const text = cardText(reply.card);
    expect(text).toContain("「持参する教材の数」は必須です。");
    expect(text).toContain("入力した回答は一時保存しました。");
    const mine = await call(
      "GET",
      `/api/schools/${SCHOOL}/surveys/${survey.id}/my-response`,
      undefined,
      {},
      await signIn(platform, t.upn),
    );
    expect(mine.json).toMatchObject({ status: "partial", answers: { q1: "no" } });
    // The refresh (survey.view) shows the saved answer in the card.
    const refreshed = await click(platform, t.id, first.get(t.id) as CardMessage, "survey.view", {}, "automatic");
    expect(cardText(refreshed.card)).toContain("一時保存した回答があります");
    expect(cardText(refreshed.card)).toContain('"value":"no"');
  });

  it("回答を変更: the inputs come back prefilled; the new answer replaces the old, the first time is kept", async () => {
    const t = answered[1] as { id: string; upn: string };
    const token = await signIn(platform, t.upn);
    const before = (await call("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}/my-response`, undefined, {}, token))
      .json;
    // Their message was updated in place when they answered: it now offers 回答を変更.
    const current = surveyCards(t.id, title)[0] as CardMessage;
    expect(current.id).toBe(first.get(t.id)?.id);
    expect(cardText(current.card)).toContain("回答済み");
    const edit = await click(platform, t.id, current, "survey.edit");
    expect(executeActions(edit.card).map((a: Json) => a.verb)).toEqual(["survey.submit", "survey.save"]);
    expect(cardText(edit.card)).toContain(`"value":${before.answers.q2}`);
    const changed = await click(
      platform,
      t.id,
      { id: (first.get(t.id) as CardMessage).id, card: edit.card },
      "survey.submit",
      {
        q1: "no",
        q2: "7",
      },
    );
    expect(cardText(changed.card)).toContain("回答を更新しました。");
    const after = (await call("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}/my-response`, undefined, {}, token))
      .json;
    expect(after).toMatchObject({ status: "submitted", answers: { q1: "no", q2: 7 }, submittedAt: before.submittedAt });
  });

  it("scheduled reminders: once per reminder day, from 08:00 JST of that day", async () => {
    const surveys = platform.deps.surveys;
    if (!surveys) throw new Error("surveys not wired");
    const jstDay = (iso: string) => new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 10);
    const dueAt = Date.parse(
      `${jstDay(new Date(Date.parse(survey.deadline) - 86_400_000).toISOString())}T08:00:00+09:00`,
    );
    const detail = await api("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}`);
    // Add a reminder day to the open survey's row (the builder sets it before sending).
    const repo = surveys.storage.entities.repo(surveyEntity);
    const row = await repo.require(SCHOOL, survey.id);
    await repo.update(SCHOOL, survey.id, { ...row.data, reminders: { daysBefore: [1] } }, detail.etag);
    const job = (at: number) => sendScheduledReminders(surveys, [SCHOOL], new Date(at));
    const counts = () => rest.map((t) => surveyCards(t.id, title).length);
    const before = counts();
    expect((await job(dueAt - 60_000)).reminded).toBe(0);
    expect((await job(dueAt + 60_000)).reminded).toBe(1);
    expect((await job(dueAt + 3_600_000)).reminded).toBe(0);
    // rest[2] saved a partial answer and rest[0] only failed: all five are still non-responders.
    await waitUntil("a scheduled reminder for each non-responder", () =>
      counts().every((n, i) => n === (before[i] as number) + 1),
    );
    await settle();
    expect(counts()).toEqual(before.map((n) => n + 1));
    for (const t of answered) expect(surveyCards(t.id, title), t.upn).toHaveLength(1);
    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    const reminders = audit.items
      .map((e) => e.event)
      .filter((e) => e.kind === "survey.reminded" && e.target.id === survey.id)
      .map((e) => (e.data as Json).trigger);
    expect(reminders.sort()).toEqual(["manual", "schedule"]);
  });

  it("after the deadline: the card says 締切済み and the tab gets SURVEY_CLOSED", async () => {
    const surveys = platform.deps.surveys;
    if (!surveys) throw new Error("surveys not wired");
    const realClock = surveys.clock;
    surveys.clock = () => new Date(Date.parse(survey.deadline) + 60_000);
    try {
      const t = rest[1] as { id: string; upn: string };
      const reply = await click(platform, t.id, first.get(t.id) as CardMessage, "survey.submit", {
        q1: "yes",
        q2: "1",
      });
      expect(cardText(reply.card)).toContain("締切済み");
      const put = await call(
        "PUT",
        `/api/schools/${SCHOOL}/surveys/${survey.id}/my-response`,
        { answers: { q1: "yes", q2: 1 }, submit: true },
        {},
        await signIn(platform, t.upn),
      );
      expect(put.status).toBe(409);
      expect(put.json.error.code).toBe("SURVEY_CLOSED");
    } finally {
      surveys.clock = realClock;
    }
    const tracking = await api("GET", `/api/schools/${SCHOOL}/surveys/${survey.id}/tracking`);
    expect(tracking.total.answered).toBe(20);
  });
});
