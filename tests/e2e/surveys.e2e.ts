/**
 * Acceptance (issue 7: surveys that know who has not answered) in Chromium on the local platform.
 *  1. 青葉中学校's 教務主任 builds a staff survey in the tab (教職員, 教諭; three short questions, so it
 *     is answered on the card) and sends it: each of the 25 teachers has exactly one card in the chat
 *     with Kōmu. 20 answer on their cards — two by clicking in the local Teams client (inputs filled,
 *     回答する pressed), 18 through the Bot Connector's invoke. 回答状況 shows 20/25 and names exactly the
 *     other five; 「未回答者にリマインド」 gives each of the five one new reminder card, the 20 nothing.
 *  2. A guardians survey of 1年1組 of 青葉小学校 from the 行事の出欠 template: 保護者リンク lists every
 *     family's link and the printable sheet has a QR code for each; one link is answered on a phone
 *     (390×844) and submitted; the same link on another phone is refused (the link was used).
 *  3. A Microsoft Forms response workbook (.xlsx, Forms' columns) in a teacher's OneDrive is
 *     registered by its URL in the tab's Forms view; the survey's page lists exactly the staff of
 *     青葉小学校 who are not in the workbook.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { surveysRepos } from "@komu/functions/surveys/entities";
import type { RunningPlatform } from "@komu/local/platform";
import { staffUserId } from "@komu/local/tenant/seed/ids";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { readRoster } from "@komu/local/tenant/seed/roster";
import ExcelJS from "exceljs";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CardMessage, cardMessages, cardText, click, executeActions } from "../support/approval-cards.js";
import { signInLocally } from "../support/local-sign-in.js";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), ".tmp", "e2e");

const roster = readRoster();
interface Staff {
  id: string;
  upn: string;
  name: string;
}
const staffOf = (school: string, job?: string): Staff[] =>
  roster.staff
    .filter((r) => r.学校コード === school && (job === undefined || r.職名 === job))
    .map((r) => ({ id: staffUserId(r.職員番号), upn: r.メール, name: `${r.姓} ${r.名}` }));
const staffNamed = (school: string, name: string): Staff => {
  const found = staffOf(school).find((s) => s.name === name);
  if (!found) throw new Error(`no staff ${name} at ${school}`);
  return found;
};

/** 青葉中学校: the 教務主任 (also one of the 教諭) and the 25 教諭. */
const JUNIOR = "aoba-j";
const HEAD = staffNamed(JUNIOR, "近藤 千尋");
const TEACHERS = staffOf(JUNIOR, "教諭");

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(join(process.cwd(), "teams-app/dist/index.html"))) {
    throw new Error("teams-app is not built: npm run test:e2e builds it first");
  }
  platform = await startTestPlatform({ throttle: "off", provisionRecords: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

function steps(test: string) {
  const log: string[] = [];
  const pages: Page[] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const shots = await Promise.all(
        pages.map((p, i) =>
          p
            .screenshot({ path: join(ARTIFACTS, `surveys-${test}-failure-${i}.png`), fullPage: true })
            .then(() => `.tmp/e2e/surveys-${test}-failure-${i}.png`)
            .catch(() => "(no screenshot)"),
        ),
      );
      throw new Error(`step "${name}" failed (screenshots: ${shots.join(", ")})\nbrowser log:\n${log.join("\n")}`, {
        cause: error,
      });
    }
  };
  return { log, pages, step };
}

/** A fresh browser session signed in to the tab (local sign-in) as `upn`, on `path`. */
async function signedInPage(upn: string, path: string, log: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.push(`pageerror [${upn}]: ${e.message}`));
  page.on("console", (m) => log.push(`${m.type()} [${upn}]: ${m.text()}`));
  page.on("requestfailed", (r) =>
    log.push(`requestfailed [${upn}]: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
  );
  page.on("response", (r) => {
    if (r.status() >= 400) log.push(`http ${r.status()} [${upn}]: ${r.request().method()} ${r.url()}`);
  });
  await signInLocally(page, platform, upn, path);
  return page;
}

/** A fresh session in the local Teams client as `user`, on the chat with Kōmu's bot. */
async function teamsClient(user: Staff, log: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.push(`pageerror [teams ${user.upn}]: ${e.message}`));
  page.on("console", (m) => log.push(`${m.type()} [teams ${user.upn}]: ${m.text()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) log.push(`http ${r.status()} [teams ${user.upn}]: ${r.request().method()} ${r.url()}`);
  });
  await page.goto(`${platform.tenant.httpOrigin}/`);
  await page.selectOption("select#user", user.id);
  await page.fill("#password", platform.config.m365.devPassword ?? "");
  await page.click("form.signin button[type=submit]");
  // Opening Teams installs Kōmu for the user: the bot's welcome card arrives in the chat.
  await page.getByRole("button", { name: "確認しました" }).first().waitFor({ timeout: 30_000 });
  return page;
}

/** The survey's message in the Teams chat (pinned by its activity id: answering updates it in place). */
async function surveyCardIn(page: Page, title: string): Promise<Locator> {
  await page.getByRole("navigation").getByRole("button", { name: "チャット" }).click();
  const card = page
    .locator(".msg", { hasText: title })
    .filter({ has: page.getByRole("button", { name: "回答する", exact: true }) });
  await card.last().waitFor({ timeout: 30_000 });
  const id = await card.last().getAttribute("data-activity-id");
  return page.locator(`.msg[data-activity-id="${id}"]`);
}

/** The bot's messages (cards or not) in a user's chat, and those about `title`. */
const botMessages = (oid: string) => cardMessages(platform, oid);
const surveyCards = (oid: string, title: string) => botMessages(oid).filter((m) => cardText(m.card).includes(title));

/** The names in the tab's 未回答者 table, sorted. */
async function nonResponderNames(page: Page): Promise<string[]> {
  const rows = page.getByTestId("non-responder");
  const names = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cell = tr.querySelector("td");
      // The first cell is the name (a guardian's row adds the child's name in a caption below it).
      return (cell?.firstChild?.textContent ?? "").trim();
    }),
  );
  return names.sort();
}

describe("surveys (アンケート)", () => {
  it("staff survey: built and sent in the tab, 25 cards, 20 answers on cards (2 in the Teams client), 20/25 with exactly the other 5, reminders to the 5 only", async () => {
    const { log, pages, step } = steps("staff");
    const title = `校内研修会の出欠（e2e ${Date.now()}）`;
    expect(TEACHERS).toHaveLength(25);
    expect(TEACHERS.map((t) => t.id)).toContain(HEAD.id);

    // ── the 教務主任 builds the survey in the tab ──────────────────────────────────────────
    const head = await step("教務主任 signs in to the tab", () =>
      signedInPage(HEAD.upn, `/surveys?school=${JUNIOR}&view=new`, log),
    );
    pages.push(head);
    const surveyId = await step("builds three short questions for 教諭 and sends it", async () => {
      await head.getByTestId("survey-builder").waitFor({ timeout: 30_000 });
      await head.getByTestId("survey-title").fill(title);
      const q1 = head.getByTestId("survey-question").nth(0);
      await q1.getByLabel("設問文").fill("出欠");
      await q1.getByRole("checkbox", { name: "必須" }).check();
      await q1.getByLabel("選択肢 1", { exact: true }).fill("出席");
      await q1.getByLabel("選択肢 2", { exact: true }).fill("欠席");
      await head.getByLabel("追加する設問の種類").selectOption("yesNo");
      await head.getByTestId("survey-add-question").click();
      await head.getByTestId("survey-question").nth(1).getByLabel("設問文").fill("駐車場を使いますか");
      await head.getByLabel("追加する設問の種類").selectOption("shortText");
      await head.getByTestId("survey-add-question").click();
      await head.getByTestId("survey-question").nth(2).getByLabel("設問文").fill("連絡事項");
      await head.getByRole("radio", { name: "教職員" }).check();
      await head.getByRole("checkbox", { name: "教諭", exact: true }).check();
      await head.getByTestId("survey-audience-preview").click();
      await head.getByTestId("survey-audience-result").getByText("対象者: 25 人").waitFor({ timeout: 20_000 });
      await head.getByTestId("survey-open").click();
      const dialog = head.getByTestId("survey-open-dialog");
      await dialog.waitFor();
      await head.getByTestId("survey-open-dialog-confirm").click();
      await head.getByTestId("survey-tracking").waitFor({ timeout: 30_000 });
      const id = new URL(head.url()).searchParams.get("survey");
      expect(id).toBeTruthy();
      await expect
        .poll(() => head.getByTestId("survey-tracking-total").textContent(), { timeout: 20_000 })
        .toContain("回答 0/25 件");
      return id as string;
    });

    // ── every teacher has exactly one card, answerable in the card ───────────────────────
    const first = await step("each of the 25 has the card in their chat with Kōmu", async () => {
      const s = platform.deps.surveys;
      if (!s) throw new Error("surveys not wired");
      const repos = surveysRepos(s.storage);
      // The cards effect records each card's activity id on the recipient row when it is sent.
      await expect
        .poll(
          async () => {
            const rows = await repos.recipients.list(JUNIOR, { idPrefix: `${surveyId}.`, limit: 1000 });
            return rows.items.filter((r) => r.data.cardActivityId).length;
          },
          { timeout: 60_000, interval: 250 },
        )
        .toBe(25);
      const rows = await repos.recipients.list(JUNIOR, { idPrefix: `${surveyId}.`, limit: 1000 });
      expect(rows.items.map((r) => r.data.oid).sort()).toEqual(TEACHERS.map((t) => t.id).sort());
      const cards = new Map<string, CardMessage>();
      for (const t of TEACHERS) {
        const mine = surveyCards(t.id, title);
        expect(mine, t.upn).toHaveLength(1);
        const row = rows.items.find((r) => r.data.oid === t.id);
        expect(mine[0]?.id, t.upn).toBe(row?.data.cardActivityId);
        expect(executeActions(mine[0]?.card).map((a) => a.verb)).toEqual(["survey.submit", "survey.save"]);
        cards.set(t.id, mine[0] as CardMessage);
      }
      // Nobody else at the school was asked.
      for (const other of staffOf(JUNIOR).filter((s) => !TEACHERS.some((t) => t.id === s.id)))
        expect(surveyCards(other.id, title), other.upn).toHaveLength(0);
      return cards;
    });

    // ── 20 answer: two by clicking in the Teams client, 18 through the invoke ─────────────
    const answered = TEACHERS.filter((t) => t.id !== HEAD.id).slice(0, 20);
    const rest = TEACHERS.filter((t) => !answered.includes(t));
    expect(rest).toHaveLength(5);
    for (const [i, teacher] of answered.slice(0, 2).entries()) {
      await step(`${teacher.name} answers on the card in the Teams client`, async () => {
        const teams = await teamsClient(teacher, log);
        pages.push(teams);
        const card = await surveyCardIn(teams, title);
        // The card's expanded choices are radios named by their choice (aria-label) under the question's label.
        const radio = (choice: string) => card.locator(`input[type="radio"][aria-label="${choice}"]`);
        await radio(i === 0 ? "出席" : "欠席").check();
        await radio("はい").check();
        await card
          .getByRole("textbox")
          .last()
          .fill(i === 0 ? "少し遅れます" : "");
        if (i === 0) await teams.screenshot({ path: join(ARTIFACTS, "surveys-card-filled.png") });
        await card.getByRole("button", { name: "回答する", exact: true }).click();
        await card
          .getByText(/回答済み/)
          .first()
          .waitFor({ timeout: 30_000 });
        await card.getByRole("button", { name: "回答を変更", exact: true }).waitFor();
        expect(await card.getByRole("button", { name: "回答する", exact: true }).count()).toBe(0);
        // What was filled in on the card is what was recorded.
        const res = await fetch(`${platform.url}/api/schools/${JUNIOR}/surveys/${surveyId}/my-response`, {
          headers: { authorization: `Bearer ${await signIn(platform, teacher.upn)}` },
        });
        expect(await res.json()).toMatchObject({
          status: "submitted",
          answers: i === 0 ? { q1: "c1", q2: true, q3: "少し遅れます" } : { q1: "c2", q2: true },
        });
        await teams.context().close();
        pages.pop();
      });
    }
    await step("the other 18 answer through the Bot Connector's invoke", async () => {
      const replies = await Promise.all(
        answered.slice(2).map((t, i) =>
          click(platform, t.id, first.get(t.id) as CardMessage, "survey.submit", {
            q1: i % 4 === 0 ? "c2" : "c1",
            q2: i % 2 === 0 ? "yes" : "no",
          }),
        ),
      );
      for (const r of replies) {
        expect(r.status).toBe(200);
        expect(cardText(r.card)).toContain("回答済み");
      }
    });

    // ── 回答状況: 20/25, and exactly the other five ───────────────────────────────────────
    await step("回答状況 shows 20/25 and lists exactly the other five", async () => {
      await expect
        .poll(() => head.getByTestId("survey-tracking-total").textContent(), { timeout: 30_000 })
        .toContain("回答 20/25 件");
      await expect.poll(() => nonResponderNames(head), { timeout: 15_000 }).toEqual(rest.map((t) => t.name).sort());
      await head.screenshot({ path: join(ARTIFACTS, "surveys-tracking.png"), fullPage: true });
    });

    // ── リマインド: one new card for each of the five, nothing for the 20 ───────────────────
    await step("「未回答者にリマインド」 reminds the five only, once", async () => {
      const before = new Map(TEACHERS.map((t) => [t.id, botMessages(t.id).length]));
      await head.getByTestId("survey-remind").click();
      const dialog = head.getByTestId("survey-remind-dialog");
      await dialog.getByText("未回答の 5 人にリマインドします。").waitFor();
      await head.getByTestId("survey-remind-dialog-confirm").click();
      await head.getByTestId("survey-remind-result").getByText("カード 5 件").waitFor({ timeout: 30_000 });
      // The effect marks each reminded recipient after sending: the tab shows 1 回 for all five.
      await expect
        .poll(() => head.getByTestId("non-responder").filter({ hasText: "(1 回)" }).count(), { timeout: 30_000 })
        .toBe(5);
      for (const t of rest) {
        expect(botMessages(t.id).length, t.upn).toBe((before.get(t.id) ?? 0) + 1);
        const cards = surveyCards(t.id, title);
        expect(cards, t.upn).toHaveLength(2);
        expect(cardText(cards[1]?.card)).toContain("リマインド");
      }
      for (const t of answered) expect(botMessages(t.id).length, t.upn).toBe(before.get(t.id));
    });
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });

  it("guardians survey from 行事の出欠: links with QR codes in the tab, one answered on a phone, refused on another", async () => {
    const { log, pages, step } = steps("guardians");
    const teacher = await step("a teacher of 青葉小学校 signs in", () =>
      signedInPage(KNOWN_USERS.aobaTeacher.upn, "/surveys?school=aoba-e&view=new", log),
    );
    pages.push(teacher);
    const families = await step("builds from the 行事の出欠 template for 1年1組 and sends it", async () => {
      await teacher.getByTestId("survey-builder").waitFor({ timeout: 30_000 });
      await teacher.getByTestId("survey-template").selectOption("eventAttendance");
      await expect.poll(() => teacher.getByTestId("survey-title").inputValue()).toBe("行事の出欠確認");
      await teacher.getByTestId("survey-title").fill(`行事の出欠確認（e2e ${Date.now()}）`);
      await teacher.getByRole("checkbox", { name: "1 年 1 組" }).check();
      await teacher.getByTestId("survey-audience-preview").click();
      const result = teacher.getByTestId("survey-audience-result");
      await result.getByText(/対象者: \d+ 人/).waitFor({ timeout: 20_000 });
      const count = Number(/対象者: (\d+) 人/.exec((await result.textContent()) ?? "")?.[1]);
      expect(count).toBeGreaterThan(0);
      await teacher.getByTestId("survey-open").click();
      await teacher.getByTestId("survey-open-dialog").waitFor();
      await teacher.getByTestId("survey-open-dialog-confirm").click();
      await teacher.getByTestId("survey-tracking").waitFor({ timeout: 30_000 });
      await expect
        .poll(() => teacher.getByTestId("survey-tracking-total").textContent(), { timeout: 20_000 })
        .toContain(`回答 0/${count} 件`);
      return count;
    });

    const url = await step("保護者リンク lists every family's link; the sheet has a QR code for each", async () => {
      await teacher.getByTestId("survey-tab-links").click();
      await teacher.getByTestId("survey-links-table").waitFor({ timeout: 20_000 });
      expect(await teacher.getByTestId("survey-link-row").count()).toBe(families);
      await teacher.getByTestId("survey-links-sheet-open").click();
      await teacher.getByTestId("survey-links-sheet").waitFor();
      const cards = teacher.getByTestId("survey-link-card");
      expect(await cards.count()).toBe(families);
      expect(await teacher.locator('[data-testid="survey-link-card"] [role="img"] svg').count()).toBe(families);
      const urls = await cards.evaluateAll((els) =>
        els.map((el) => (el.textContent ?? "").match(/https?:\/\/\S+\/api\/public\/s\/[A-Za-z0-9._-]+/)?.[0] ?? ""),
      );
      expect(urls.every((u) => u !== "")).toBe(true);
      expect(new Set(urls).size).toBe(families);
      await teacher.screenshot({ path: join(ARTIFACTS, "surveys-guardian-sheet.png"), fullPage: true });
      return urls[0] as string;
    });

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      locale: "ja-JP",
    });
    const page = await phone.newPage();
    page.on("pageerror", (e) => log.push(`pageerror [guardian]: ${e.message}`));
    pages.push(page);
    await step("a guardian answers on a phone and submits", async () => {
      await page.goto(url);
      await expect.poll(() => page.locator("#submit").isEnabled(), { timeout: 20_000 }).toBe(true);
      await page.getByText("出席する", { exact: true }).click();
      await page.getByLabel(/参加人数/).fill("2");
      await page.getByLabel(/連絡事項/).fill("祖父母も参加します");
      await page.locator("#submit").click();
      await expect.poll(() => page.locator("#status").textContent(), { timeout: 20_000 }).toContain("送信しました");
      await page.screenshot({ path: join(ARTIFACTS, "surveys-guardian-phone.png"), fullPage: true });
    });
    await step("the same link on another phone is refused", async () => {
      const other = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ja-JP" });
      const otherPage = await other.newPage();
      await otherPage.goto(url);
      await expect
        .poll(() => otherPage.locator("body").textContent(), { timeout: 20_000 })
        .toContain("このリンクはすでに別の端末で使われています");
      expect(await otherPage.locator("#submit").count()).toBe(0);
      await other.close();
    });
    await step("the tab counts the answer", async () => {
      await teacher.getByTestId("survey-tab-tracking").click();
      await expect
        .poll(() => teacher.getByTestId("survey-tracking-total").textContent(), { timeout: 20_000 })
        .toContain(`回答 1/${families} 件`);
    });
    await phone.close();
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });

  it("Forms: a response workbook registered by its URL in the tab; the page lists exactly its non-responders", async () => {
    const { log, pages, step } = steps("forms");
    const owner = KNOWN_USERS.aobaTeacher;
    const school = staffOf("aoba-e");
    const answeredBy = [
      KNOWN_USERS.aobaPrincipal,
      KNOWN_USERS.aobaVicePrincipal,
      KNOWN_USERS.aobaNurse,
      KNOWN_USERS.aobaClerk,
    ];
    const webUrl = await step("a Forms workbook in the teacher's OneDrive", async () => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet("Sheet1");
      sheet.addRow(["ID", "開始時刻", "完了時刻", "メール", "名前", "出欠", "ご意見"]);
      answeredBy.forEach((u, i) => {
        const done = new Date(Date.UTC(2026, 10, 10 + i, 10, 30));
        sheet.addRow([
          i + 1,
          new Date(done.getTime() - 120_000),
          done,
          u.upn,
          u.displayName,
          i % 2 ? "不参加" : "参加",
          "",
        ]);
      });
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const item = await platform.deps.graph.app
        .api(`/users/${owner.id}/drive/root:/${encodeURIComponent(`研修の出欠-${Date.now()}.xlsx`)}:/content`)
        .header("Content-Type", "application/octet-stream")
        .put(bytes);
      return item.webUrl as string;
    });
    const teacher = await step("the teacher signs in to the Forms view", () =>
      signedInPage(owner.upn, "/surveys?school=aoba-e&view=forms", log),
    );
    pages.push(teacher);
    await step("registers the workbook by its URL", async () => {
      const form = teacher.getByTestId("survey-forms-form");
      await form.waitFor({ timeout: 30_000 });
      await form
        .getByRole("textbox", { name: /タイトル/ })
        .first()
        .fill(`研修の出欠（Forms e2e ${Date.now()}）`);
      await teacher.getByTestId("survey-forms-workbook").fill(webUrl);
      await teacher.getByTestId("survey-audience-preview").click();
      await teacher
        .getByTestId("survey-audience-result")
        .getByText(`対象者: ${school.length} 人`)
        .waitFor({ timeout: 20_000 });
      await teacher.getByTestId("survey-forms-submit").click();
      await teacher.getByTestId("survey-tracking").waitFor({ timeout: 30_000 });
    });
    await step("the survey's page lists exactly the staff not in the workbook", async () => {
      const expected = school
        .filter((s) => !answeredBy.some((u) => u.id === s.id))
        .map((s) => s.name)
        .sort();
      await expect
        .poll(() => teacher.getByTestId("survey-tracking-total").textContent(), { timeout: 20_000 })
        .toContain(`回答 ${answeredBy.length}/${school.length} 件`);
      await expect.poll(() => nonResponderNames(teacher), { timeout: 15_000 }).toEqual(expected);
      await teacher.screenshot({ path: join(ARTIFACTS, "surveys-forms.png"), fullPage: true });
    });
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });
});
