/**
 * Acceptance (issue 4): in Chromium, the seeded clerk opens the records tab (学校文書), registers an
 * incoming PDF in the 収受簿 by dragging it onto the drop zone, and sees its 受付番号; then a teacher
 * finds the document by that number in 検索 and opens its details. Class III, so a teacher may see it.
 * Then the disposal review: files dropped together (a refused one kept apart), an expired record on
 * the 廃棄予定一覧, the principal's confirmed approval, and its deletion.
 * Everyone signs in through the tab's own local sign-in (authorization code + PKCE against the local tenant).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInLocally } from "../support/local-sign-in.js";
import { startTestPlatform } from "../support/platform.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), ".tmp", "e2e");

let platform: RunningPlatform;
let browser: Browser;

/** A small valid one-page PDF (header, catalog, pages, page, content stream, xref with true offsets, trailer). */
function minimalPdf(text: string): Uint8Array {
  const content = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
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
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A fresh browser session signed in as `upn` through the tab's local sign-in, on `path`. */
async function signedInPage(upn: string, path: string, log: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.push(`pageerror [${upn}]: ${e.message}`));
  page.on("console", (m) => log.push(`${m.type()} [${upn}]: ${m.text()}`));
  await signInLocally(page, platform, upn, path);
  return page;
}

/** Named steps that, on failure, leave a screenshot of every page of the test and the browser log. */
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
            .screenshot({ path: join(ARTIFACTS, `records-${test}-failure-${i}.png`), fullPage: true })
            .then(() => `.tmp/e2e/records-${test}-failure-${i}.png`)
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

/** Drop files on the (first) drop zone the way a browser does: dragenter, dragover, drop with a DataTransfer. */
async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array; type: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      return dt;
    },
    files.map((f) => ({ name: f.name, type: f.type, bytes: [...f.bytes] })),
  );
  const zone = page.getByTestId("drop-zone").first();
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

describe("records tab (学校文書)", () => {
  it("a clerk registers an incoming PDF and sees its 受付番号; a teacher finds it by that number", async () => {
    const { log, pages, step } = steps("registers");
    const subject = `就学援助費の支給について（e2e ${Date.now()}）`;
    const fileName = "就学援助費の支給について.pdf";

    // ── the clerk: 収受簿 → fill the line, drop the PDF, take the number ──────────────────
    const clerk = await step("clerk signs in", () =>
      signedInPage(KNOWN_USERS.aobaClerk.upn, "/documents?view=receipt", log),
    );
    pages.push(clerk);
    await step("receipt form", async () => {
      await clerk.getByRole("heading", { level: 1, name: /学校文書/ }).waitFor({ timeout: 30_000 });
      await clerk.getByRole("tab", { name: "収受簿", selected: true }).waitFor();
      await clerk.getByTestId("register-counterpart").fill("青葉町教育委員会 学校教育課");
      await clerk.getByTestId("register-title").fill(subject);
      await clerk.getByTestId("category-picker").selectOption("G-01");
      // Class III is the category's default; lower classes are not offered.
      expect(await clerk.getByTestId("classification-select").inputValue()).toBe("III");
      expect(await clerk.getByTestId("classification-select").locator("option").allTextContents()).not.toContainEqual(
        expect.stringMatching(/^IV/),
      );
    });

    await step("drop the PDF", async () => {
      await dropFiles(clerk, [{ name: fileName, bytes: minimalPdf("Shugaku enjo 2026"), type: "application/pdf" }]);
      const row = clerk.getByTestId("upload-row");
      await expect.poll(() => row.getAttribute("data-status"), { timeout: 20_000 }).toBe("uploaded");
      expect(await row.textContent()).toContain(fileName);
    });

    const number = await step("take the 受付番号", async () => {
      await clerk.getByTestId("register-submit").click();
      const assigned = clerk.getByTestId("assigned-number");
      await assigned.waitFor({ timeout: 30_000 });
      const text = (await assigned.textContent())?.trim() ?? "";
      // The school's default receipt format: 略称 + 受第 + serial + 号 (青葉小学校 → 青小).
      expect(text).toMatch(/^青小受第\d+号$/);
      // The card takes the focus so screen readers read the number at once.
      expect(await clerk.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
        "assigned-number-card",
      );
      // The register list of this 年度 shows the line with its number.
      await expect.poll(() => clerk.getByTestId("register-table").textContent(), { timeout: 15_000 }).toContain(text);
      return text;
    });
    await clerk.screenshot({ path: join(ARTIFACTS, "records-clerk-number.png"), fullPage: true });

    // ── the teacher: 検索 by that number ───────────────────────────────────────────────────
    const teacher = await step("teacher signs in", () =>
      signedInPage(KNOWN_USERS.aobaTeacher.upn, "/documents?view=search", log),
    );
    pages.push(teacher);
    await step("search by number", async () => {
      await teacher.getByRole("tab", { name: "検索", selected: true }).waitFor({ timeout: 30_000 });
      // A teacher does not register numbers: the register tabs are there to read, the 廃棄 tab is not.
      expect(await teacher.getByRole("tab", { name: "廃棄" }).count()).toBe(0);
      await teacher.getByTestId("search-number").fill(number);
      // Filing reaches SharePoint through the outbox; search again (as a user would) until it is there.
      await expect
        .poll(
          async () => {
            await teacher.getByTestId("search-submit").click();
            await teacher.getByTestId("search-mode").waitFor({ timeout: 10_000 });
            return teacher.getByTestId("records-row-number").allTextContents();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toEqual([number]);
      const row = teacher.getByTestId("records-row");
      expect(await row.textContent()).toContain(subject);
      expect(await row.textContent()).toContain("G-01");
    });

    await step("open the record's details", async () => {
      await teacher.getByRole("button", { name: subject }).click();
      const detail = teacher.getByTestId("record-metadata");
      await detail.waitFor({ timeout: 15_000 });
      expect(await teacher.getByTestId("record-title").textContent()).toBe(subject);
      const text = (await detail.textContent()) ?? "";
      expect(text).toContain(number);
      expect(text).toContain(fileName);
      expect(text).toContain(KNOWN_USERS.aobaClerk.displayName);
    });
    await teacher.waitForTimeout(500); // the drawer's slide-in, for a steady screenshot
    await teacher.screenshot({ path: join(ARTIFACTS, "records-teacher-found.png"), fullPage: true });

    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });
  it("a clerk files dropped files (a refused one kept apart), lists an expired one for disposal, the principal approves and it is deleted", async () => {
    const { log, pages, step } = steps("disposal");
    const title = `運動会実施計画 平成31年度（e2e ${Date.now()}）`;

    const clerk = await step("clerk signs in", () =>
      signedInPage(KNOWN_USERS.aobaClerk.upn, "/documents?view=upload", log),
    );
    pages.push(clerk);
    await step("drop two files, one refused in the browser", async () => {
      await clerk.getByTestId("category-picker").waitFor({ timeout: 30_000 });
      await dropFiles(clerk, [
        { name: "運動会実施計画.pdf", bytes: minimalPdf("Undokai 2019"), type: "application/pdf" },
        { name: "setup.exe", bytes: new Uint8Array([77, 90, 144, 0]), type: "application/octet-stream" },
      ]);
      const rows = clerk.getByTestId("upload-row");
      await expect.poll(() => rows.nth(0).getAttribute("data-status"), { timeout: 20_000 }).toBe("uploaded");
      expect(await rows.nth(1).getAttribute("data-status")).toBe("rejected");
      expect(await rows.nth(1).getByTestId("upload-error").textContent()).toContain(
        "この種類のファイルは登録できません",
      );
    });

    await step("file it in 2019年度 under a 1-year category", async () => {
      // 行事計画 (C-03, 1 year) of 2019年度: kept through 2020年度, so due in this 年度's review.
      await clerk.getByRole("combobox", { name: /^年度/ }).selectOption("2019");
      await clerk.getByTestId("category-picker").selectOption("C-03");
      await clerk.getByTestId("upload-row").nth(0).getByRole("textbox").fill(title);
      await clerk.getByTestId("upload-file-all").click();
      await expect
        .poll(() => clerk.getByTestId("upload-row").nth(0).getAttribute("data-status"), { timeout: 30_000 })
        .toBe("filed");
    });

    await step("prepare the 廃棄予定一覧", async () => {
      await clerk.getByTestId("records-tab-disposal").click();
      const candidates = clerk.getByTestId("disposal-candidates");
      await candidates.waitFor({ timeout: 15_000 });
      expect(await candidates.textContent()).toContain(title);
      await clerk.getByRole("button", { name: /^廃棄予定一覧を作成/ }).click();
      const detail = clerk.getByTestId("disposal-detail");
      await detail.waitFor({ timeout: 15_000 });
      expect(await detail.textContent()).toContain("承認待ち");
      // A clerk prepares the list but does not approve it.
      expect(await clerk.getByTestId("disposal-approve").count()).toBe(0);
    });

    const principal = await step("principal signs in", () =>
      signedInPage(KNOWN_USERS.aobaPrincipal.upn, "/documents?view=disposal", log),
    );
    pages.push(principal);
    await step("approve with confirmation; the record is deleted", async () => {
      await principal.getByTestId("disposal-lists").getByRole("button").first().click();
      await principal.getByTestId("disposal-approve").click();
      const dialog = principal.getByRole("dialog");
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("元に戻せません");
      await dialog.getByRole("textbox").fill("保存期間満了のため");
      await dialog.getByRole("button", { name: "承認する" }).click();
      const detail = principal.getByTestId("disposal-detail");
      // SharePoint deletes in the background; the panel looks again until it is done.
      await expect.poll(() => detail.textContent(), { timeout: 45_000, interval: 1000 }).toContain("廃棄済み");
      const text = (await detail.textContent()) ?? "";
      expect(text).toContain("廃棄完了");
      expect(text).toContain(KNOWN_USERS.aobaPrincipal.displayName);
      expect(text).toContain("保存期間満了のため");
      await expect.poll(() => principal.getByTestId("disposal-lists").textContent()).toContain("廃棄完了");
    });
    await principal.screenshot({ path: join(ARTIFACTS, "records-principal-disposed.png"), fullPage: true });
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });
});
