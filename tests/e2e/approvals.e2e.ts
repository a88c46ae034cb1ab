/**
 * Acceptance (issue 5) in Chromium.
 *  1. The tab on its own (local sign-in): a teacher drafts (起案) with a PDF dropped on the form,
 *     leaves out the optional 教務主任 step, adds a 回覧 to the clerk and submits; the 教頭 reads it in the inline viewer
 *     (pdf.js text layer) and approves; the 校長's 差し戻し needs a comment; the teacher replaces
 *     the PDF and resubmits; both approve (a late click from a second window is told the step was
 *     decided, and that window catches up) → 決裁済, listed in 完了.
 *  2. Through the local Teams client: the teacher drafts in Kōmu's tab inside Teams (SSO); the
 *     教頭 and the 校長 decide on the bot's Adaptive Cards (Action.Execute), including a 差し戻し
 *     with its comment and the resubmission; after 決裁 the sealed PDF is filed in 学校文書 with
 *     its 文書番号; its text, extracted by pdf.js in the tab's viewer, has both surnames, the date
 *     (JST, 和暦) and the 決裁証明 page; 検証 finds the filed PDF intact and a changed copy altered;
 *     the record in 学校文書 carries the number.
 *  3. 合議 2 of M: the 教務主任 drafts on the 学年合議 route; two grade heads approve on their
 *     cards; the stage passes (the others are no longer needed) and the 教頭 is next.
 *  5. Images as the main document (two photos, reordered with the buttons, one PDF of two pages;
 *     a PDF dropped among them is refused with a message) and 印影 (a seal PNG checked in the tab,
 *     registered, previewed and removed).
 *  4. 検証: a plain PDF is not a Kōmu document; viewer keys; a 70-page PDF's far pages come as
 *     they near the view; a PDF whose Japanese font is not embedded is read through the CMaps the
 *     tab serves.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { jstDateTime } from "@komu/functions/approvals/pdf/jst";
import { plainPdf, stampBoxPdf } from "@komu/functions/approvals/pdf/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { type Browser, chromium, type FrameLocator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInLocally } from "../support/local-sign-in.js";
import { startTestPlatform } from "../support/platform.js";
import { solidPng } from "../support/png.js";
import { signIn } from "../support/sign-in.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), ".tmp", "e2e");

let platform: RunningPlatform;
let browser: Browser;

/**
 * A one-page PDF whose Japanese text uses a font that is not embedded (as many PDFs from
 * Japanese office software do): pdf.js needs the Adobe CMaps (UniJIS-UCS2-H, Adobe-Japan1-UCS2)
 * to read it, which the tab serves from its own origin.
 */
function nonEmbeddedJapanesePdf(text: string): Uint8Array {
  const hex = [...text].map((ch) => (ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")).join("");
  const content = `BT /F1 24 Tf 72 720 Td <${hex}> Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(join(process.cwd(), "teams-app/dist/index.html"))) {
    throw new Error("teams-app is not built: npm run test:e2e builds it first");
  }
  platform = await startTestPlatform({ throttle: "documented" });
  await platform.recordsReady;
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

async function signedInPage(upn: string, path: string, log: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.push(`pageerror [${upn}]: ${e.message}`));
  page.on("console", (m) => log.push(`${m.type()} [${upn}]: ${m.text()}`));
  await signInLocally(page, platform, upn, path);
  return page;
}

/** A fresh browser session signed in to the local Teams client as `user` (the chat with Kōmu's bot shows first). */
async function teamsClient(user: { id: string; upn: string }, log: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.push(`pageerror [teams ${user.upn}]: ${e.message}`));
  page.on("console", (m) => log.push(`${m.type()} [teams ${user.upn}]: ${m.text()}`));
  await page.goto(`${platform.tenant.httpOrigin}/`);
  await page.selectOption("select#user", user.id);
  await page.fill("#password", platform.config.m365.devPassword ?? "");
  await page.click("form.signin button[type=submit]");
  // The bot's welcome card arrives first (it brings the chat to the front): wait for it.
  await page.getByRole("button", { name: "確認しました" }).first().waitFor({ timeout: 30_000 });
  return page;
}

/** Kōmu's 承認 tab inside the Teams client (SSO through teams-js). */
async function approvalsTab(page: Page): Promise<FrameLocator> {
  await page.getByRole("navigation").getByRole("button", { name: "承認" }).click();
  const tab = page.frameLocator("iframe").first();
  await tab.getByRole("heading", { level: 1, name: /承認/ }).waitFor({ timeout: 30_000 });
  return tab;
}

/** The newest chat card about `title` that offers `button` (the bot's approval card for this round). */
async function cardButton(page: Page, title: string, button: string) {
  await page.getByRole("navigation").getByRole("button", { name: "チャット" }).click();
  const card = page
    .locator(".msg", { hasText: title })
    .filter({ has: page.getByRole("button", { name: button, exact: true }) });
  await card.last().waitFor({ timeout: 30_000 });
  // Pin the message by its activity id: the card is updated in place (its buttons go).
  const id = await card.last().getAttribute("data-activity-id");
  return page.locator(`.msg[data-activity-id="${id}"]`);
}

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
            .screenshot({ path: join(ARTIFACTS, `approvals-${test}-failure-${i}.png`), fullPage: true })
            .then(() => `.tmp/e2e/approvals-${test}-failure-${i}.png`)
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

/** Open the approval titled `title` from a list view and wait for its detail page. */
async function openFromList(page: Page, view: string, title: string): Promise<void> {
  await page.getByTestId(`approvals-tab-${view}`).click();
  const row = page.getByTestId("approval-row").filter({ hasText: title });
  await row.waitFor({ timeout: 20_000 });
  await row.getByRole("button", { name: title }).click();
  await page.getByTestId("approval-detail").waitFor();
}

/** Press an action, (optionally) fill the dialog, confirm, and wait for the dialog to close. */
async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId("decision-confirm").click();
  await dialog.waitFor({ state: "hidden", timeout: 20_000 });
}

const status = (page: Page) => page.getByTestId("approval-detail").getAttribute("data-status");

describe("approvals tab (承認)", () => {
  it("a teacher drafts with a PDF; 教頭 approves, 校長 returns it, the teacher corrects and resubmits, both approve", async () => {
    const { log, pages, step } = steps("flow");
    const title = `修学旅行の実施について（e2e ${Date.now()}）`;

    // ── 起案: the teacher drops the PDF, fills the form, leaves out 教務主任, submits ─────────
    const teacher = await step("teacher signs in", () =>
      signedInPage(KNOWN_USERS.aobaTeacher.upn, "/approvals?view=new", log),
    );
    pages.push(teacher);
    await step("draft form", async () => {
      await teacher.getByRole("heading", { level: 1, name: /承認/ }).waitFor({ timeout: 30_000 });
      await teacher.getByTestId("draft-main-drop-input").setInputFiles({
        name: "修学旅行実施計画.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await stampBoxPdf()),
      });
      await teacher.locator('[data-testid="draft-main-files"] [data-staging="done"]').waitFor({ timeout: 30_000 });
      await teacher.getByTestId("draft-title").fill(title);
      const category = teacher.getByTestId("category-picker");
      const firstCode = await category.locator("option:not([value=''])").first().getAttribute("value");
      await category.selectOption(firstCode ?? "");
      await teacher.getByTestId("draft-summary").fill("2泊3日の修学旅行の実施計画です。");
      await teacher.getByRole("checkbox", { name: "「教務主任」を含める" }).uncheck();
      // The template lets the drafter add a 回覧: to the clerk, after the 校長's decision.
      await teacher.getByTestId("add-circulation").click();
      const added = teacher.getByTestId("added-stage");
      await added.getByRole("textbox", { name: /表示名/ }).fill("回覧（事務）");
      expect(await added.getByRole("combobox", { name: "位置" }).inputValue()).toBe("principal");
      await teacher.getByTestId("draft-submit").click();
      await teacher.getByTestId("approval-detail").waitFor({ timeout: 30_000 });
      expect(await status(teacher)).toBe("inRoute");
      const stages = teacher.getByTestId("route-stage");
      expect(await stages.count()).toBe(3);
      await stages.nth(2).getByText("回覧（事務）").waitFor();
      await stages.nth(2).getByText("小川 久美子").waitFor();
      expect(await stages.nth(0).getAttribute("data-stage-status")).toBe("active");
      await teacher.getByTestId("route-person").first().getByText("小島 智子").waitFor();
    });

    // ── 教頭: 承認待ち → the detail with the PDF in the viewer → 承認 ────────────────────────────
    const vp = await step("vice principal signs in", () =>
      signedInPage(KNOWN_USERS.aobaVicePrincipal.upn, "/approvals", log),
    );
    pages.push(vp);
    await step("vice principal reads and approves", async () => {
      await openFromList(vp, "waiting", title);
      // The inline viewer: the page's text is in the pdf.js text layer (screen readers, find).
      await vp.getByTestId("pdf-pages").waitFor({ timeout: 30_000 });
      await vp.locator(".textLayer span", { hasText: "起案用紙" }).first().waitFor({ timeout: 30_000 });
      await vp.screenshot({ path: join(ARTIFACTS, "approvals-detail-vp.png"), fullPage: true });
      await act(vp, "approve");
      await vp.locator('[data-stage-id="vice-principal"][data-stage-status="passed"]').waitFor({ timeout: 20_000 });
    });

    // ── 校長: 差し戻し needs a comment; then back to the drafter ─────────────────────────────
    const principal = await step("principal signs in", () =>
      signedInPage(KNOWN_USERS.aobaPrincipal.upn, "/approvals", log),
    );
    pages.push(principal);
    await step("principal sees it among the school's waiting items, then in 承認待ち", async () => {
      await principal.getByTestId("approvals-tab-school").click();
      const row = principal.getByTestId("approval-row").filter({ hasText: title });
      await row.waitFor({ timeout: 20_000 });
      await row.getByText("松尾 俊介 の判断待ち").waitFor();
    });
    await step("principal returns it to the drafter", async () => {
      await openFromList(principal, "waiting", title);
      await principal.getByTestId("action-return").click();
      const dialog = principal.getByRole("dialog");
      await dialog.getByTestId("decision-confirm").click();
      await dialog.getByText("理由をコメントに書いてください。").waitFor();
      await dialog.getByTestId("decision-comment").fill("引率者の人数を確認してください。");
      expect(await dialog.getByTestId("return-target").inputValue()).toBe("drafter");
      await dialog.getByTestId("decision-confirm").click();
      await dialog.waitFor({ state: "hidden", timeout: 20_000 });
      await principal.locator('[data-testid="approval-detail"][data-status="returned"]').waitFor({ timeout: 20_000 });
    });

    // ── the teacher sees the 差し戻し with its comment, corrects the PDF and resubmits ──────────
    await step("teacher corrects and resubmits", async () => {
      await teacher.getByTestId("approval-back").click();
      await openFromList(teacher, "drafts", title);
      expect(await status(teacher)).toBe("returned");
      await teacher.getByTestId("approval-history").getByText("「引率者の人数を確認してください。」").waitFor();
      await teacher.getByTestId("action-edit").click();
      await teacher.getByTestId("draft-main-drop-input").setInputFiles({
        name: "修学旅行実施計画（修正）.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await plainPdf({ pages: 2, text: "Revised plan: 6 escorts" })),
      });
      await teacher.locator('[data-testid="draft-main-files"] [data-staging="done"]').waitFor({ timeout: 30_000 });
      expect(await teacher.locator('[data-testid="draft-main-files"] li').count()).toBe(1);
      await teacher.getByTestId("draft-summary").fill("引率者を6名に修正しました。");
      await expect(teacher.getByTestId("draft-submit").textContent()).resolves.toBe("再提出");
      await teacher.getByTestId("draft-submit").click();
      await teacher.locator('[data-testid="approval-detail"][data-status="inRoute"]').waitFor({ timeout: 20_000 });
      await teacher.getByText("引率者を6名に修正しました。").waitFor();
      // The corrected PDF is the one on the route now.
      await teacher.locator(".textLayer span", { hasText: "Revised plan" }).first().waitFor({ timeout: 30_000 });
    });

    // ── round 2: 教頭 then 校長 approve → 決裁済 ────────────────────────────────────────────
    await step("vice principal approves again; a second window's late click is told it was decided", async () => {
      await vp.getByTestId("approval-back").click();
      await openFromList(vp, "waiting", title);
      const other = await signedInPage(KNOWN_USERS.aobaVicePrincipal.upn, "/approvals", log);
      pages.push(other);
      await openFromList(other, "waiting", title);
      await act(vp, "approve");
      // The other window still shows the buttons; its click reaches the server after the decision.
      await other.getByTestId("action-approve").click();
      const dialog = other.getByRole("dialog");
      await dialog.getByTestId("decision-confirm").click();
      await dialog.getByText("この段階はすでに決定済みです。").waitFor({ timeout: 20_000 });
      await dialog.getByRole("button", { name: "キャンセル" }).click();
      await other.locator('[data-stage-id="vice-principal"][data-stage-status="passed"]').waitFor({ timeout: 20_000 });
      expect(await other.getByTestId("action-approve").count()).toBe(0);
      await other.context().close();
    });
    await step("principal approves (決裁)", async () => {
      await principal.getByTestId("approval-back").click();
      await openFromList(principal, "waiting", title);
      await act(principal, "approve");
      await principal.locator('[data-testid="approval-detail"][data-status="approved"]').waitFor({ timeout: 30_000 });
      await principal.getByTestId("approval-decided").waitFor();
      await principal.screenshot({ path: join(ARTIFACTS, "approvals-decided.png"), fullPage: true });
    });
    await step("the teacher finds it in 完了", async () => {
      await teacher.getByTestId("approval-back").click();
      await teacher.getByTestId("approvals-tab-done").click();
      await teacher.getByTestId("approval-row").filter({ hasText: title }).waitFor({ timeout: 20_000 });
    });
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });

  it("in the Teams client: a teacher drafts, 教頭 and 校長 decide on cards (差し戻し, resubmission), the sealed PDF is filed with its 文書番号", async () => {
    const { log, pages, step } = steps("teams");
    const title = `運動会の実施について（e2e ${Date.now()}）`;

    // ── the teacher drafts in Kōmu's tab inside Teams ─────────────────────────────────────
    const teacher = await step("teacher opens Teams", () => teamsClient(KNOWN_USERS.aobaTeacher, log));
    pages.push(teacher);
    const tab = await step("teacher drafts in the 承認 tab", async () => {
      const t = await approvalsTab(teacher);
      await t.getByTestId("approvals-tab-new").click();
      await t.getByTestId("draft-main-drop-input").setInputFiles({
        name: "運動会の実施について.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await stampBoxPdf(["校長", "教頭", "起案者"])),
      });
      await t.locator('[data-testid="draft-main-files"] [data-staging="done"]').waitFor({ timeout: 30_000 });
      await t.getByTestId("draft-title").fill(title);
      const category = t.getByTestId("category-picker");
      await category.selectOption(
        (await category.locator("option:not([value=''])").first().getAttribute("value")) ?? "",
      );
      await t.getByTestId("draft-summary").fill("10月の運動会の実施計画です。");
      await t.getByRole("checkbox", { name: "「教務主任」を含める" }).uncheck();
      await t.getByTestId("draft-submit").click();
      await t.locator('[data-testid="approval-detail"][data-status="inRoute"]').waitFor({ timeout: 30_000 });
      return t;
    });

    // ── 教頭 approves on the card ──────────────────────────────────────────────────────────
    const vp = await step("vice principal opens Teams", () => teamsClient(KNOWN_USERS.aobaVicePrincipal, log));
    pages.push(vp);
    await step("vice principal approves on the card", async () => {
      const card = await cardButton(vp, title, "承認");
      await vp.screenshot({ path: join(ARTIFACTS, "approvals-card-vp.png") });
      await card.getByRole("button", { name: "承認", exact: true }).click();
      await card.getByText("回付中：校長（松尾 俊介）").waitFor({ timeout: 30_000 });
      expect(await card.getByRole("button", { name: "承認", exact: true }).count()).toBe(0);
    });

    // ── 校長 returns it on the card (comment required), to the drafter ───────────────────────
    const principal = await step("principal opens Teams", () => teamsClient(KNOWN_USERS.aobaPrincipal, log));
    pages.push(principal);
    await step("principal returns it on the card", async () => {
      const card = await cardButton(principal, title, "差し戻し");
      await card.getByRole("button", { name: "差し戻し", exact: true }).click();
      await card.locator("textarea, input[type=text]").first().fill("来賓席の配置図を添付してください。");
      await card.getByRole("button", { name: "差し戻す", exact: true }).click();
      await expect
        .poll(() => card.getByRole("button", { name: "承認", exact: true }).count(), { timeout: 30_000 })
        .toBe(0);
    });

    // ── the teacher sees the 差し戻し in the tab and resubmits ─────────────────────────────────
    await step("teacher resubmits", async () => {
      await tab.getByTestId("approval-back").click();
      await tab.getByTestId("approvals-tab-drafts").click();
      const row = tab.getByTestId("approval-row").filter({ hasText: title });
      await row.getByRole("button", { name: title }).click();
      await tab.locator('[data-testid="approval-detail"][data-status="returned"]').waitFor({ timeout: 30_000 });
      await tab.getByText("「来賓席の配置図を添付してください。」").first().waitFor();
      await tab.getByTestId("action-submit").click();
      await tab.getByTestId("decision-confirm").click();
      await tab.locator('[data-testid="approval-detail"][data-status="inRoute"]').waitFor({ timeout: 30_000 });
    });

    // ── round 2 on the new cards: 教頭, then 校長 (決裁) ─────────────────────────────────────
    await step("vice principal approves the resubmission", async () => {
      const card = await cardButton(vp, title, "承認");
      await card.getByRole("button", { name: "承認", exact: true }).click();
      await card.getByText("回付中：校長（松尾 俊介）").waitFor({ timeout: 30_000 });
    });
    await step("principal approves (決裁)", async () => {
      const card = await cardButton(principal, title, "承認");
      await card.getByRole("button", { name: "承認", exact: true }).click();
      await expect
        .poll(() => card.getByRole("button", { name: "承認", exact: true }).count(), { timeout: 30_000 })
        .toBe(0);
      await principal.screenshot({ path: join(ARTIFACTS, "approvals-card-principal.png") });
    });

    // ── the sealed PDF: filed with its 文書番号; its text (pdf.js) has both surnames, the date and the certificate ─
    const number = await step("the approval is filed with its 文書番号", async () => {
      let text = "";
      await expect
        .poll(
          async () => {
            await tab.getByTestId("approval-back").click();
            await tab.getByTestId("approvals-tab-done").click();
            const row = tab.getByTestId("approval-row").filter({ hasText: title });
            await row.getByRole("button", { name: title }).click();
            await tab.getByTestId("approval-detail").waitFor();
            const decided = tab.getByTestId("approval-decided");
            text = (await decided.count()) > 0 ? ((await decided.textContent()) ?? "") : "";
            return text.includes("学校文書で開く");
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toBe(true);
      const found = (await tab.getByTestId("approval-number").textContent()) ?? "";
      expect(found, text).toMatch(/^\S+第\d+号$/);
      return found;
    });
    await step("the sealed PDF's text: surnames, date, certificate", async () => {
      await tab.getByText("押印済み文書（決裁証明つき）").waitFor();
      const layer = tab.locator(".textLayer");
      await tab.locator(".textLayer span", { hasText: "決裁証明書" }).first().waitFor({ timeout: 30_000 });
      const all = (await layer.allTextContents()).join("\n");
      expect(all).toContain("小島");
      expect(all).toContain("松尾");
      expect(all).toContain(number);
      expect(all).toContain(jstDateTime(new Date().toISOString()).split(" ")[0] as string);
      expect(Number(await tab.getByTestId("pdf-viewer").getAttribute("data-page-count"))).toBeGreaterThanOrEqual(2);
      await teacher.screenshot({ path: join(ARTIFACTS, "approvals-sealed.png") });
    });
    const sealedPdf = await step("the filed PDF's bytes (records API)", async () => {
      const href = (await tab.getByRole("link", { name: "学校文書で開く" }).getAttribute("href")) ?? "";
      const recordId = new URL(href, platform.url).searchParams.get("record");
      expect(recordId).toBeTruthy();
      const token = await signIn(platform, KNOWN_USERS.aobaTeacher.upn);
      const res = await fetch(`${platform.url}/api/schools/aoba-e/records/${recordId}/content`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    });
    await step("検証: the sealed PDF is intact, a changed copy is not", async () => {
      await tab.getByTestId("approval-back").click();
      await tab.getByTestId("approvals-tab-verify").click();
      const check = async (name: string, bytes: Uint8Array) => {
        await tab
          .getByTestId("verify-drop-input")
          .setInputFiles({ name, mimeType: "application/pdf", buffer: Buffer.from(bytes) });
        const result = tab.getByTestId("verify-result");
        await result.waitFor({ timeout: 30_000 });
        return { verdict: await result.getAttribute("data-verdict"), text: (await result.textContent()) ?? "" };
      };
      const intact = await check("sealed.pdf", sealedPdf);
      expect(intact.verdict).toBe("intact");
      expect(intact.text).toContain(number);
      await tab.getByRole("button", { name: "別のPDFを確認する" }).click();
      const changed = new Uint8Array([...sealedPdf, ...new TextEncoder().encode("\n% changed after sealing\n")]);
      expect((await check("changed.pdf", changed)).verdict).toBe("altered");
      await tab.getByRole("button", { name: "別のPDFを確認する" }).click();
      await tab.getByTestId("approvals-tab-done").click();
      const row = tab.getByTestId("approval-row").filter({ hasText: title });
      await row.getByRole("button", { name: title }).click();
      await tab.getByTestId("approval-detail").waitFor();
    });
    await step("the record in 学校文書 carries the number", async () => {
      await tab.getByRole("link", { name: "学校文書で開く" }).click();
      const detail = tab.getByTestId("record-detail");
      await detail.waitFor({ timeout: 30_000 });
      await detail.getByTestId("record-metadata").getByText(number).waitFor({ timeout: 20_000 });
    });
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });

  it("合議 2 of M: the 教務主任 drafts on the 学年合議 route; two grade heads approve on their cards and the stage passes", async () => {
    const { log, pages, step } = steps("consultation");
    const title = `学年行事の合議（e2e ${Date.now()}）`;
    const head = await step("教務主任 drafts", async () => {
      const page = await signedInPage(KNOWN_USERS.aobaHeadTeacher.upn, "/approvals?view=new", log);
      pages.push(page);
      await page.getByTestId("draft-main-drop-input").setInputFiles({
        name: "学年行事.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await plainPdf({ text: "Grade events" })),
      });
      await page.locator('[data-testid="draft-main-files"] [data-staging="done"]').waitFor({ timeout: 30_000 });
      await page.getByTestId("draft-title").fill(title);
      const category = page.getByTestId("category-picker");
      await category.selectOption(
        (await category.locator("option:not([value=''])").first().getAttribute("value")) ?? "",
      );
      await page.getByTestId("template-picker").selectOption("consultation");
      await page.getByTestId("route-preview").getByText("合議（学年主任）（合議）").waitFor();
      await page.getByTestId("draft-submit").click();
      await page.locator('[data-testid="approval-detail"][data-status="inRoute"]').waitFor({ timeout: 30_000 });
      const stage = page.locator('[data-testid="route-stage"][data-stage-id="grade-heads"]');
      await stage.getByText("2名の同意").waitFor();
      expect(await stage.getByTestId("route-person").count()).toBeGreaterThanOrEqual(2);
      return page;
    });
    for (const user of [KNOWN_USERS.aobaGrade3Teacher, KNOWN_USERS.aobaTeacher]) {
      await step(`${user.displayName} approves on the card`, async () => {
        const teams = await teamsClient(user, log);
        pages.push(teams);
        const card = await cardButton(teams, title, "承認");
        await card.getByRole("button", { name: "承認", exact: true }).click();
        await expect
          .poll(() => card.getByRole("button", { name: "承認", exact: true }).count(), { timeout: 30_000 })
          .toBe(0);
      });
    }
    await step("the 合議 passed with two approvals; the 教頭 is next", async () => {
      await head.reload();
      const stage = head.locator('[data-testid="route-stage"][data-stage-id="grade-heads"]');
      await expect.poll(() => stage.getAttribute("data-stage-status"), { timeout: 30_000 }).toBe("passed");
      expect(await stage.locator('[data-person-state="approved"]').count()).toBe(2);
      await stage.getByText(/2 名必要（\d+ 名中 2 名承認）/).waitFor();
      const next = head.locator('[data-testid="route-stage"][data-stage-id="vice-principal"]');
      expect(await next.getAttribute("data-stage-status")).toBe("active");
    });
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });

  it("images as the main document (reordered, one PDF of two pages) and 印影 (register, preview, remove)", async () => {
    const { log, pages, step } = steps("images-seal");
    const title = `掲示物の写真（e2e ${Date.now()}）`;
    const teacher = await step("teacher signs in", () =>
      signedInPage(KNOWN_USERS.aobaTeacher.upn, "/approvals?view=new", log),
    );
    pages.push(teacher);
    await step("two images, reordered with the buttons; a PDF among them is refused", async () => {
      await teacher.getByTestId("draft-main-drop-input").setInputFiles([
        { name: "p1.png", mimeType: "image/png", buffer: Buffer.from(solidPng(40, 60)) },
        { name: "p2.png", mimeType: "image/png", buffer: Buffer.from(solidPng(60, 40, [30, 30, 200])) },
      ]);
      const done = teacher.locator('[data-testid="draft-main-files"] [data-staging="done"]');
      await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(2);
      await teacher.getByRole("button", { name: "p1.png を1つ後のページへ" }).click();
      const names = () => teacher.locator('[data-testid="draft-main-files"] li').allInnerTexts();
      await expect
        .poll(async () => (await names()).map((n) => (n.includes("p1.png") ? "p1" : "p2")))
        .toEqual(["p2", "p1"]);
      // p1 is last now: its 下へ is disabled, so the focus went to its 上へ.
      await expect
        .poll(() => teacher.evaluate(() => document.activeElement?.getAttribute("aria-label")))
        .toBe("p1.png を1つ前のページへ");
      await teacher.getByTestId("draft-main-drop-input").setInputFiles({
        name: "plan.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await plainPdf({ pages: 1, text: "plan" })),
      });
      await teacher
        .getByTestId("draft-main-problem")
        .getByText(/PDFと画像は一緒に本文にできません/)
        .waitFor();
      expect(await teacher.locator('[data-testid="draft-main-files"] li').count()).toBe(2);
    });
    await step("saved as a draft: the main document is one PDF of two pages", async () => {
      await teacher.getByTestId("draft-title").fill(title);
      const category = teacher.getByTestId("category-picker");
      const firstCode = await category.locator("option:not([value=''])").first().getAttribute("value");
      await category.selectOption(firstCode ?? "");
      await teacher.getByTestId("draft-save").click();
      await teacher.getByTestId("approval-detail").waitFor({ timeout: 30_000 });
      await teacher.locator("[data-testid='pdf-viewer'][data-page-count='2']").waitFor({ timeout: 30_000 });
    });
    await step(
      "印影: a too small PNG is refused in the tab; a good one is registered, previewed and removed",
      async () => {
        await teacher.goto(`${platform.url}/approvals?view=seal`);
        await teacher.getByTestId("seal-none").waitFor({ timeout: 30_000 });
        await teacher.getByTestId("seal-drop-input").setInputFiles({
          name: "small.png",
          mimeType: "image/png",
          buffer: Buffer.from(solidPng(20, 20)),
        });
        await teacher
          .getByTestId("seal-error")
          .getByText(/32〜1000 ピクセル/)
          .waitFor();
        await teacher.getByTestId("seal-drop-input").setInputFiles({
          name: "seal.png",
          mimeType: "image/png",
          buffer: Buffer.from(solidPng(120, 120)),
        });
        await teacher.getByTestId("seal-current").getByRole("img", { name: "登録している印影の画像" }).waitFor({
          timeout: 30_000,
        });
        await teacher.reload();
        await teacher.getByTestId("seal-current").waitFor({ timeout: 30_000 });
        await teacher.getByTestId("seal-remove").click();
        await teacher.getByTestId("seal-none").waitFor({ timeout: 30_000 });
      },
    );
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });

  it("検証: a plain PDF is not a Kōmu document, and the viewer shows it", async () => {
    const { log, pages, step } = steps("verify");
    const teacher = await step("teacher signs in", () =>
      signedInPage(KNOWN_USERS.aobaTeacher.upn, "/approvals?view=verify", log),
    );
    pages.push(teacher);
    await step("verify a plain PDF", async () => {
      await teacher.getByTestId("verify-drop-input").setInputFiles({
        name: "plain.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await plainPdf({ pages: 3, text: "Field trip plan" })),
      });
      const result = teacher.getByTestId("verify-result");
      await result.waitFor({ timeout: 30_000 });
      expect(await result.getAttribute("data-verdict")).toBe("unknown");
      await teacher.getByTestId("pdf-viewer").and(teacher.locator("[data-page-count='3']")).waitFor();
      // Keyboard: focus the pages, n goes to the next page (the page field follows).
      await teacher.locator(".textLayer span", { hasText: "page 1" }).first().waitFor({ timeout: 20_000 });
      await teacher.getByTestId("pdf-pages").focus();
      await teacher.keyboard.press("n");
      await expect.poll(() => teacher.getByTestId("pdf-page-input").inputValue()).toBe("2");
    });
    await step("a long PDF: pages and their text come as they near the view; Ctrl+End goes to the last", async () => {
      await teacher.getByRole("button", { name: "別のPDFを確認する" }).click();
      await teacher.getByTestId("verify-drop-input").setInputFiles({
        name: "long.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(await plainPdf({ pages: 70, text: "Long report" })),
      });
      await teacher.locator("[data-testid='pdf-viewer'][data-page-count='70']").waitFor({ timeout: 30_000 });
      await teacher.locator(".textLayer span", { hasText: "page 1" }).first().waitFor({ timeout: 20_000 });
      expect(await teacher.locator(".textLayer span", { hasText: "page 70" }).count()).toBe(0);
      await teacher.getByTestId("pdf-pages").focus();
      await teacher.keyboard.press("Control+End");
      await expect.poll(() => teacher.getByTestId("pdf-page-input").inputValue()).toBe("70");
      await teacher.locator(".textLayer span", { hasText: "page 70" }).first().waitFor({ timeout: 20_000 });
    });
    await step("a PDF whose Japanese font is not embedded is readable (CMaps from the tab's origin)", async () => {
      await teacher.getByRole("button", { name: "別のPDFを確認する" }).click();
      await teacher.getByTestId("verify-drop-input").setInputFiles({
        name: "運動会.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(nonEmbeddedJapanesePdf("運動会の実施について")),
      });
      await teacher.getByTestId("verify-result").waitFor({ timeout: 30_000 });
      await teacher
        .locator(".textLayer span", { hasText: "運動会の実施について" })
        .first()
        .waitFor({ timeout: 20_000 });
    });
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });
});
