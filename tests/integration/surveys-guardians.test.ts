/**
 * Guardians' single-use links on the local platform: the school lists the links (owner and
 * overseers only), a guardian opens one on a phone (the page, then the JSON API claims it for
 * that device), saves a draft and submits, edits until the deadline; the same link without the
 * device's cookie is refused (410 SURVEY_LINK_USED); forged, reissued and expired links are
 * refused; invalid answers store nothing; writes per link are rate-limited.
 *
 * The survey row is written directly with the repos (the open use case's API is another
 * engineer's, in progress): a guardians survey of 1年, open, its recipients resolved from the
 * seeded roster with the module's own resolveAudience + writeRecipients.
 */

import { resolveAudience } from "@komu/functions/surveys/audience/resolve-audience";
import type { SurveysDeps } from "@komu/functions/surveys/deps";
import { recipientRowId, responseRowId, surveysRepos } from "@komu/functions/surveys/entities";
import { signLinkToken, verifyLinkToken } from "@komu/functions/surveys/guardians/link-token";
import { writeRecipients } from "@komu/functions/surveys/open/write-recipients";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { GuardianLinks, MyResponse, SurveyDefinition } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

const SCHOOL = "aoba-e";
const SURVEY_ID = "gsurvey0001";
const owner = KNOWN_USERS.aobaTeacher;

let platform: RunningPlatform;
let s: SurveysDeps;
let links: Json[];

const definition = SurveyDefinition.parse({
  title: "運動会の出欠と弁当の確認",
  description: "10月の運動会について、ご家庭の予定を教えてください。",
  deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  audience: { kind: "guardians", groups: [{ grade: 1 }] },
  questions: [
    { id: "qattend", type: "yesNo", title: "運動会に参観されますか", required: true },
    {
      id: "qpeople",
      type: "number",
      title: "参観される人数",
      min: 1,
      max: 5,
      unit: "人",
      showIf: { questionId: "qattend", anyOf: ["yes"] },
    },
    {
      id: "qlunch",
      type: "single",
      title: "お弁当",
      choices: [
        { id: "home", label: "家庭で用意" },
        { id: "none", label: "不要" },
      ],
    },
    { id: "qnote", type: "shortText", title: "連絡事項", maxLength: 20 },
    { id: "qdate", type: "date", title: "面談の希望日" },
  ],
});

async function call(upn: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${platform.url}${path}`, {
    ...init,
    headers: { ...(init.headers ?? {}), authorization: `Bearer ${await signIn(platform, upn)}` },
  });
  return { status: res.status, body: await res.json() };
}

const tokenOf = (url: string) => url.split("/").pop() as string;

interface Device {
  cookie?: string;
}

async function guardian(
  device: Device,
  token: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; setCookie: string[]; headers: Headers }> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (device.cookie) headers.cookie = device.cookie;
  if (init.body !== undefined) {
    headers["content-type"] ??= "application/json";
    headers["x-komu-link"] ??= "1";
  }
  const res = await fetch(`${platform.url}/api/public/surveys/${token}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const setCookie = res.headers.getSetCookie();
  const first = setCookie[0];
  if (first) device.cookie = first.split(";")[0];
  return { status: res.status, body: await res.json(), setCookie, headers: res.headers };
}

const save = (device: Device, token: string, answers: Record<string, unknown>, submit: boolean) =>
  guardian(device, token, { method: "PUT", body: { answers, submit } });

async function page(token: string, cookie?: string, query = "") {
  const res = await fetch(`${platform.url}/api/public/s/${token}${query}`, {
    headers: cookie ? { cookie } : {},
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const repos = () => surveysRepos(s.storage);
const responseOf = (key: string) => repos().responses.get(SCHOOL, responseRowId(SURVEY_ID, key));

async function setDeadline(iso: string) {
  const row = await repos().surveys.require(SCHOOL, SURVEY_ID);
  await repos().surveys.update(SCHOOL, SURVEY_ID, { ...row.data, deadline: iso }, row.etag);
}

beforeAll(async () => {
  platform = await startTestPlatform({ jobs: false, throttle: "off", provisionRecords: false });
  s = platform.deps.surveys as SurveysDeps;
  const audience = await resolveAudience(s, SCHOOL, definition.audience);
  expect(audience.recipients.length).toBeGreaterThanOrEqual(8);
  const now = new Date().toISOString();
  await repos().surveys.create(SCHOOL, SURVEY_ID, {
    title: definition.title,
    description: definition.description,
    questions: definition.questions,
    anonymous: false,
    deadline: definition.deadline,
    audience: definition.audience,
    reminders: definition.reminders,
    status: "open",
    source: { kind: "komu" },
    ownerOid: owner.id,
    ownerName: owner.displayName,
    openedAt: now,
    closedAt: null,
    recipientCount: audience.recipients.length,
    scheduledRemindersSent: [],
  });
  await writeRecipients(s, SCHOOL, SURVEY_ID, audience.recipients);
});
afterAll(async () => {
  await platform?.stop();
});

describe("the school's list of guardians' links", () => {
  it("lists every guardian and child of 1年 with a link and a QR code, in class order (owner)", async () => {
    const r = await call(owner.upn, `/api/schools/${SCHOOL}/surveys/${SURVEY_ID}/guardian-links`);
    expect(r.status).toBe(200);
    expect(GuardianLinks.safeParse(r.body).success).toBe(true); // the tab's contract
    links = r.body.items;
    const recipients = await repos().recipients.list(SCHOOL, { idPrefix: `${SURVEY_ID}.`, limit: 1000 });
    expect(links).toHaveLength(recipients.items.length);
    expect(r.body.title).toBe(definition.title);
    const order = links.map((l) => l.class * 100 + l.number);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const l of links) {
      expect(l).toMatchObject({ grade: 1, submitted: false, claimed: false });
      expect(l.key).toMatch(/^g-/);
      expect(l.url.startsWith(`${s.publicUrl}/api/public/s/v1.`)).toBe(true);
      expect(l.url.length).toBeLessThan(300);
      expect(l.qrSvg).toMatch(/^<svg[^>]*viewBox/);
      // The URL names nobody.
      expect(decodeURIComponent(l.url)).not.toContain(l.guardianName);
      expect(verifyLinkToken(s.linkKey, tokenOf(l.url))).toMatchObject({ s: SCHOOL, i: SURVEY_ID, k: l.key, v: 0 });
    }
  });

  it("is 403 for a teacher who does not own the survey and for a student; the principal oversees", async () => {
    const path = `/api/schools/${SCHOOL}/surveys/${SURVEY_ID}/guardian-links`;
    expect((await call(KNOWN_USERS.aobaHeadTeacher.upn, path)).status).toBe(403);
    expect((await call(KNOWN_USERS.aobaStudent.upn, path)).status).toBe(403);
    const principal = await call(KNOWN_USERS.aobaPrincipal.upn, path);
    expect(principal.status).toBe(200);
    expect(principal.body.items).toHaveLength(links.length);
    const reissue = await call(
      KNOWN_USERS.aobaHeadTeacher.upn,
      `/api/schools/${SCHOOL}/surveys/${SURVEY_ID}/recipients/${links[0].key}/reissue-link`,
      { method: "POST" },
    );
    expect(reissue.status).toBe(403);
  });
});

describe("a guardian's link", () => {
  const phone: Device = {};
  const otherPhone: Device = {};
  let token: string;

  it("opens as a page with the survey, the child's name and the questions, and no other family's name", async () => {
    token = tokenOf(links[0].url);
    const r = await page(token);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = r.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.getSetCookie()).toEqual([]); // the page itself never claims (mail scanners fetch it)
    expect(r.html).toContain('<html lang="ja">');
    expect(r.html).toContain(definition.title);
    expect(r.html).toContain(`${links[0].childName} さんについて`);
    for (const q of definition.questions) expect(r.html).toContain(q.title);
    expect(r.html).toContain('inputmode="numeric"');
    expect(r.html).toContain('type="date"');
    expect(r.html).toContain('maxlength="20"');
    expect(r.html).toContain("<legend>");
    expect(r.html).toContain("（必須）");
    expect(r.html).not.toMatch(/<script>|on(click|load|submit)=/i);
    for (const other of links.slice(1)) {
      expect(r.html).not.toContain(other.childName);
      expect(r.html).not.toContain(other.guardianName);
    }
    expect(r.html).not.toContain(owner.displayName);
    // Its script and stylesheet come from the same origin.
    const js = await fetch(`${platform.url}/api/public/s.js`);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    const source = await js.text();
    expect(() => new Function(source)).not.toThrow();
    const css = await fetch(`${platform.url}/api/public/s.css`);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  });

  it("is claimed by the first device that opens it (an HttpOnly, SameSite=Strict cookie until the deadline)", async () => {
    const r = await guardian(phone, token);
    expect(r.status).toBe(200);
    expect(MyResponse.safeParse(r.body).success).toBe(true);
    expect(r.body.about).toBe(`1年1組 ${links[0].childName} さんについて`);
    expect(r.body.status).toBe("none");
    expect(r.body.survey).toMatchObject({ id: SURVEY_ID, title: definition.title, acceptsAnswers: true });
    expect(r.body.survey.owner).toBeUndefined();
    expect(r.body.survey.audience).toBeUndefined();
    expect(JSON.stringify(r.body)).not.toContain(owner.displayName);
    const cookie = r.setCookie[0] ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/public\//);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(6 * 86_400);
    expect(maxAge).toBeLessThanOrEqual(7 * 86_400);
    const row = await repos().recipients.require(SCHOOL, recipientRowId(SURVEY_ID, links[0].key));
    expect(row.data.linkClaimedAt).not.toBeNull();
    expect(row.data.sessionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(cookie).not.toContain(row.data.sessionHash as string);
  });

  it("saves a draft and keeps it (partial)", async () => {
    const r = await save(phone, token, { qattend: true, qpeople: 2 }, false);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("partial");
    const stored = await responseOf(links[0].key);
    expect(stored?.data).toMatchObject({ status: "partial", via: "link", answers: { qattend: true, qpeople: 2 } });
  });

  it("is refused the second time: another device without the cookie gets 410 SURVEY_LINK_USED", async () => {
    const r = await guardian(otherPhone, token);
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe("SURVEY_LINK_USED");
    expect(r.setCookie).toEqual([]);
    const put = await save(otherPhone, token, { qattend: false }, true);
    expect(put.status).toBe(410);
    expect(put.body.error.code).toBe("SURVEY_LINK_USED");
    expect((await responseOf(links[0].key))?.data.status).toBe("partial");
    // The page: first a same-site reload (the phone's Strict cookie is not sent from a mail app), then 410.
    const bounce = await page(token);
    expect(bounce.status).toBe(200);
    expect(bounce.html).toContain('http-equiv="refresh"');
    expect(bounce.html).not.toContain(links[0].childName);
    const refused = await page(token, undefined, "?c=1");
    expect(refused.status).toBe(410);
    expect(refused.html).toContain("学校に新しいリンクの発行を依頼してください");
    expect(refused.html).not.toContain(links[0].childName);
    // The phone itself still gets the page, with its saved answers.
    const own = await page(token, phone.cookie, "?c=1");
    expect(own.status).toBe(200);
    expect(own.html).toContain(links[0].childName);
  });

  it("refuses invalid answers with every problem and stores nothing", async () => {
    const before = await responseOf(links[0].key);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ qattend: false, qpeople: 3 }, "qpeople", "hiddenQuestion"],
      [{ qattend: true, qzzz: "x" }, "qzzz", "unknownQuestion"],
      [{ qattend: true, qnote: "あ".repeat(21) }, "qnote", "tooLong"],
      [{ qattend: true, qpeople: 9 }, "qpeople", "outOfRange"],
    ];
    for (const [answers, questionId, problem] of cases) {
      const r = await save(phone, token, answers, true);
      expect(r.status, JSON.stringify(answers)).toBe(400);
      expect(r.body.error.code).toBe("SURVEY_ANSWER_INVALID");
      expect(r.body.error.details.problems).toContainEqual(expect.objectContaining({ questionId, problem }));
    }
    const after = await responseOf(links[0].key);
    expect(after?.etag).toBe(before?.etag);
    expect(after?.data.answers).toEqual({ qattend: true, qpeople: 2 });
  });

  it("needs the page's header and JSON for a write (a cross-site form cannot send them)", async () => {
    const noHeader = await guardian(phone, token, {
      method: "PUT",
      body: { answers: { qattend: true }, submit: true },
      headers: { "x-komu-link": "" },
    });
    expect(noHeader.status).toBe(403);
    const form = await guardian(phone, token, {
      method: "PUT",
      body: { answers: { qattend: true }, submit: true },
      headers: { "content-type": "text/plain" },
    });
    expect(form.status).toBe(415);
    expect((await responseOf(links[0].key))?.data.status).toBe("partial");
  });

  it("submits, then edits until the deadline; the school's list shows it submitted and claimed", async () => {
    const r = await save(phone, token, { qattend: true, qpeople: 2, qlunch: "home" }, true);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("submitted");
    const firstSubmittedAt = r.body.submittedAt;
    expect(firstSubmittedAt).not.toBeNull();
    const edit = await save(phone, token, { qattend: true, qpeople: 3, qlunch: "none", qnote: "雨天時は欠席" }, false);
    expect(edit.status).toBe(200);
    expect(edit.body.status).toBe("submitted"); // an edit of a submitted answer stays submitted
    expect(edit.body.submittedAt).toBe(firstSubmittedAt);
    expect((await responseOf(links[0].key))?.data.answers).toEqual({
      qattend: true,
      qpeople: 3,
      qlunch: "none",
      qnote: "雨天時は欠席",
    });
    const list = await call(owner.upn, `/api/schools/${SCHOOL}/surveys/${SURVEY_ID}/guardian-links`);
    expect(list.body.items[0]).toMatchObject({ key: links[0].key, submitted: true, claimed: true });
    const pending = await call(owner.upn, `/api/schools/${SCHOOL}/surveys/${SURVEY_ID}/guardian-links?pending=true`);
    expect(pending.body.items.map((l: Json) => l.key)).not.toContain(links[0].key);
    expect(pending.body.items).toHaveLength(links.length - 1);
  });

  it("refuses a forged token (another family's key, or a changed MAC)", async () => {
    const [, payload, mac] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const otherKey = Buffer.from(JSON.stringify({ ...claims, k: links[1].key })).toString("base64url");
    const forgedKey = await guardian({}, `v1.${otherKey}.${mac}`);
    expect(forgedKey.status).toBe(400);
    expect(forgedKey.body.error.code).toBe("SURVEY_LINK_INVALID");
    const forgedMac = await guardian({}, `v1.${payload}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`);
    expect(forgedMac.body.error.code).toBe("SURVEY_LINK_INVALID");
    const garbage = await guardian({}, "not-a-token");
    expect(garbage.body.error.code).toBe("SURVEY_LINK_INVALID");
    const forgedPage = await page(`v1.${otherKey}.${mac}`);
    expect(forgedPage.status).toBe(400);
    expect(forgedPage.html).toContain("このリンクは無効です");
    expect(forgedPage.html).not.toContain(links[1].childName);
  });

  it("is replaced by a reissued link: the old one is refused, the answers are kept, audited", async () => {
    const r = await call(
      owner.upn,
      `/api/schools/${SCHOOL}/surveys/${SURVEY_ID}/recipients/${links[0].key}/reissue-link`,
      {
        method: "POST",
      },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ key: links[0].key, claimed: false, submitted: true });
    const fresh = tokenOf(r.body.url);
    expect(verifyLinkToken(s.linkKey, fresh).v).toBe(1);
    const old = await guardian(phone, token);
    expect(old.status).toBe(400);
    expect(old.body.error.code).toBe("SURVEY_LINK_INVALID");
    expect(old.body.error.message.ja).toContain("新しいリンク");
    const newPhone: Device = {};
    const opened = await guardian(newPhone, fresh);
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe("submitted");
    expect(opened.body.answers).toMatchObject({ qpeople: 3, qlunch: "none" });
    const audit = await s.storage.audit.list(SCHOOL, { limit: 1000 });
    expect(audit.items.map((i) => i.event)).toContainEqual(
      expect.objectContaining({
        kind: "survey.linkIssued",
        actor: expect.objectContaining({ oid: owner.id }),
        data: { recipientKey: links[0].key, version: 1 },
      }),
    );
    token = fresh;
    phone.cookie = newPhone.cookie;
  });

  it("claims exactly once when two devices open a fresh link at the same moment", async () => {
    const t = tokenOf(links[3].url);
    const results = await Promise.all([guardian({}, t), guardian({}, t), guardian({}, t)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410]);
  });

  it("rate-limits writes per link (RATE_LIMITED with Retry-After)", async () => {
    const t = tokenOf(links[4].url);
    const device: Device = {};
    expect((await guardian(device, t)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await save(device, t, { qzzz: 1 }, false)).status);
    expect(statuses.every((x) => x === 400)).toBe(true);
    const limited = await save(device, t, { qattend: true }, false);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await responseOf(links[4].key)).toBeNull();
    // Another family's link is not affected.
    expect((await save({}, tokenOf(links[7].url), { qattend: true }, false)).status).toBe(200);
  });

  it("keeps a link valid when the deadline was extended after it was issued", async () => {
    // Issued for an earlier deadline (now past) while the survey still takes answers.
    const t = signLinkToken(s.linkKey, {
      s: SCHOOL,
      i: SURVEY_ID,
      k: links[5].key,
      v: 0,
      e: Math.floor(Date.now() / 1000) - 60,
    });
    expect((await guardian({}, t)).status).toBe(200);
  });

  it("after the deadline: the device that holds it gets SURVEY_CLOSED; an unopened link is expired", async () => {
    await setDeadline(new Date(Date.now() - 1000).toISOString());
    const closed = await save(phone, token, { qattend: false }, true);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe("SURVEY_CLOSED");
    const view = await guardian(phone, token);
    expect(view.status).toBe(200);
    expect(view.body.survey.acceptsAnswers).toBe(false);
    expect(view.body.answers.qpeople).toBe(3);
    const expiredToken = signLinkToken(s.linkKey, {
      s: SCHOOL,
      i: SURVEY_ID,
      k: links[6].key,
      v: 0,
      e: Math.floor(Date.now() / 1000) - 1,
    });
    const expired = await guardian({}, expiredToken);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe("SURVEY_LINK_EXPIRED");
    const expiredPage = await page(expiredToken);
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.html).toContain("有効期限");
  });
});
