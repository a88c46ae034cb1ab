/**
 * The guardian page in a real browser (Debian Chromium through playwright-core), on a 320 px wide
 * phone: the script loads under the page's CSP (no violations), claims the link, shows a
 * conditional question only when it applies, reports a problem next to its question and in an
 * alert summary (nothing saved), submits with a clear 「送信しました」, keeps the answers after a
 * reload on the same phone, and refuses the link on a second phone with what to do.
 * Skipped (with the reason) where Chromium is not installed; `npm run test:e2e` needs it anyway.
 */
import { existsSync } from "node:fs";
import { resolveAudience } from "@komu/functions/surveys/audience/resolve-audience";
import type { SurveysDeps } from "@komu/functions/surveys/deps";
import { responseRowId, surveysRepos } from "@komu/functions/surveys/entities";
import { linkUrl } from "@komu/functions/surveys/guardians/guardian-link";
import { writeRecipients } from "@komu/functions/surveys/open/write-recipients";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { SurveyDefinition } from "@komu/shared";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const SCHOOL = "aoba-e";
const SURVEY_ID = "gpage00001";

let platform: RunningPlatform;
let browser: Browser;
let s: SurveysDeps;
let url: string;
let key: string;
let childName: string;

const definition = SurveyDefinition.parse({
  title: "運動会の参観について",
  description: "ご家庭の予定を教えてください。",
  deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  audience: { kind: "guardians", groups: [{ grade: 2, class: 1 }] },
  questions: [
    { id: "qattend", type: "yesNo", title: "参観されますか", required: true },
    {
      id: "qpeople",
      type: "number",
      title: "参観される人数",
      min: 1,
      max: 5,
      unit: "人",
      required: true,
      showIf: { questionId: "qattend", anyOf: ["yes"] },
    },
    {
      id: "qlunch",
      type: "multiple",
      title: "必要なもの",
      choices: [
        { id: "chair", label: "いす" },
        { id: "shade", label: "日よけ" },
      ],
    },
    { id: "qnote", type: "longText", title: "連絡事項", maxLength: 200 },
  ],
});

beforeAll(async () => {
  if (!hasChromium) return;
  platform = await startTestPlatform({ jobs: false, throttle: "off", provisionRecords: false });
  s = platform.deps.surveys as SurveysDeps;
  const audience = await resolveAudience(s, SCHOOL, definition.audience);
  const teacher = KNOWN_USERS.aobaTeacher;
  await surveysRepos(s.storage).surveys.create(SCHOOL, SURVEY_ID, {
    title: definition.title,
    description: definition.description,
    questions: definition.questions,
    anonymous: false,
    deadline: definition.deadline,
    audience: definition.audience,
    reminders: definition.reminders,
    status: "open",
    source: { kind: "komu" },
    ownerOid: teacher.id,
    ownerName: teacher.displayName,
    openedAt: new Date().toISOString(),
    closedAt: null,
    recipientCount: audience.recipients.length,
    scheduledRemindersSent: [],
  });
  await writeRecipients(s, SCHOOL, SURVEY_ID, audience.recipients);
  const first = audience.recipients[0];
  if (!first) throw new Error("no guardian in 2年1組 of the seeded roster");
  key = first.key;
  childName = first.childName ?? "";
  url = linkUrl(s, SCHOOL, definition, SURVEY_ID, { key, linkVersion: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe.skipIf(!hasChromium)(`the guardian page on a phone (Chromium at ${CHROMIUM})`, () => {
  it("answers, fixes a problem, submits, and keeps the answers on that phone only", async () => {
    const phone = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, locale: "ja-JP" });
    const tab = await phone.newPage();
    const cspViolations: string[] = [];
    tab.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    await tab.goto(url);
    await expect.poll(() => tab.locator("#submit").isEnabled()).toBe(true); // the script ran and claimed
    expect(await tab.locator(".about").textContent()).toContain(childName);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The number question applies only after 「はい」.
    expect(await tab.locator("#q-qpeople").isVisible()).toBe(false);
    await tab.getByText("はい", { exact: true }).click();
    expect(await tab.locator("#q-qpeople").isVisible()).toBe(true);
    const target = await tab.locator("#q-qattend .option label").first().boundingBox();
    expect(target?.height ?? 0).toBeGreaterThanOrEqual(44);

    // Out of range: the server's message next to the question and in the alert summary; nothing saved.
    await tab.getByLabel("参観される人数").fill("9");
    await tab.locator("#submit").click();
    await expect.poll(() => tab.locator("#summary").isVisible()).toBe(true);
    expect(await tab.locator("#summary").getAttribute("role")).toBe("alert");
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe("summary");
    // One message per question: the range, not also 「必須」 for the value it did not keep.
    expect(await tab.locator("#err-qpeople").textContent()).toContain("範囲");
    expect(await tab.locator("#summary li").count()).toBe(1);
    expect(await tab.getByLabel("参観される人数").getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await tab.getByLabel("参観される人数").getAttribute("aria-describedby")) ?? "";
    expect(describedBy.split(" ")).toContain("err-qpeople");
    const repo = surveysRepos(s.storage).responses;
    expect(await repo.get(SCHOOL, responseRowId(SURVEY_ID, key))).toBeNull();

    await tab.getByLabel("参観される人数").fill("２"); // full-width digits are accepted
    await tab.getByText("日よけ", { exact: true }).click();
    await tab.getByLabel("連絡事項").fill("午前のみ参観します");
    await tab.locator("#submit").click();
    await expect.poll(() => tab.locator("#status").textContent()).toContain("送信しました");
    expect(await tab.locator("#summary").isVisible()).toBe(false);
    expect(await tab.locator("#submit").textContent()).toBe("変更して送信");
    const stored = await repo.get(SCHOOL, responseRowId(SURVEY_ID, key));
    expect(stored?.data).toMatchObject({
      status: "submitted",
      via: "link",
      answers: { qattend: true, qpeople: 2, qlunch: ["shade"], qnote: "午前のみ参観します" },
    });

    // Same phone later: the answers are there (the claim cookie), editable until the deadline.
    await tab.reload();
    await expect.poll(() => tab.getByLabel("参観される人数").inputValue()).toBe("2");
    expect(await tab.getByLabel("連絡事項").inputValue()).toBe("午前のみ参観します");
    await expect.poll(() => tab.locator("#submit").isEnabled()).toBe(true);
    expect(cspViolations).toEqual([]);

    // Another phone: refused, with what to do, and no child's name.
    const other = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const otherTab = await other.newPage();
    const res = await otherTab.goto(url);
    await expect
      .poll(() => otherTab.locator("body").textContent())
      .toContain("学校に新しいリンクの発行を依頼してください");
    expect(res?.status() === 410 || otherTab.url().includes("c=1")).toBe(true);
    expect(await otherTab.locator("body").textContent()).not.toContain(childName);
    await other.close();
    await phone.close();
  });
});
