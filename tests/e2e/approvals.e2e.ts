/**
 * Approvals tab (issue 5) in Chromium, through the tab's own local sign-in: a teacher drafts
 * (起案) with a PDF dropped on the form, leaves out the optional 教務主任 step and submits; the
 * 教頭 finds it in 承認待ち, reads it in the inline viewer (pdf.js text layer) and approves; the
 * 校長 returns it (差し戻し, comment required) to the drafter; the teacher replaces the PDF and
 * resubmits; 教頭 and 校長
 * approve and the approval is 決裁済. Then 検証 refuses to call a plain PDF a Kōmu document.
 *
 * Not covered yet (the backend pieces are not wired at the time of writing): decisions on the
 * bot's Adaptive Cards in the local Teams client, the sealed PDF filed in the records library
 * with its 文書番号 (text extracted with pdf.js), and a 合議 N of M through the UI.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { plainPdf, stampBoxPdf } from "@komu/functions/approvals/pdf/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";

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
  await page.goto(`${platform.url}${path}`);
  await page.getByRole("button", { name: "ローカルテナントでサインイン" }).click();
  await page.selectOption("select#username", upn);
  await page.fill("#password", platform.config.m365.devPassword ?? "");
  await page.click("form button[type=submit]");
  await page.waitForURL((url) => url.pathname === path.split("?")[0], { timeout: 20_000 });
  return page;
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
      await teacher.getByTestId("draft-submit").click();
      await teacher.getByTestId("approval-detail").waitFor({ timeout: 30_000 });
      expect(await status(teacher)).toBe("inRoute");
      const stages = teacher.getByTestId("route-stage");
      expect(await stages.count()).toBe(2);
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
    await step("vice principal approves again", async () => {
      await vp.getByTestId("approval-back").click();
      await openFromList(vp, "waiting", title);
      await act(vp, "approve");
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
