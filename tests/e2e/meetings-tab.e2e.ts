/**
 * Issue 6, the meetings tab (会議) in Chromium, signed in to the tab on its own (local sign-in):
 *  1. The 教頭 of 青葉小学校 creates a meeting: JST date and times, attendees picked by name from the
 *     staff list (the preview names them), an agenda whose total first overruns the meeting (the
 *     message shows) and then fits; a PDF dropped on the first agenda item becomes a material; a
 *     file that is not what its extension says and an encrypted PDF are refused with their codes;
 *     配信 names the number of attendees.
 *  2. The teacher (an attendee) opens the material in the inline viewer, searches it and highlights
 *     the hit with the keyboard, highlights text selected on page 1 and writes a note on text of
 *     page 2 (saved to …/notes); the highlights are drawn.
 *  3. The chair sees the teacher's read status in words; uploads 第2版 where the highlighted text
 *     moved to page 2 and the noted text is gone → the teacher sees the 新しい版 banner, the
 *     highlight 「第2版で p.1 → p.2 に移動」 and the note under 「本文が見つからないメモ」 with its text.
 *  4. Minutes: the chair writes the minutes with an action item for the teacher and sends them for approval
 *     (決裁中, linked to 承認); the teacher marks the action item 完了.
 *  5. A past meeting is found by words under 過去の会議, and its folder is filed to 学校文書.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { encryptedPdf } from "@komu/functions/approvals/pdf/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchJson } from "../support/fetch-json.js";
import { signInLocally } from "../support/local-sign-in.js";
import { startTestPlatform } from "../support/platform.js";
import { solidPng } from "../support/png.js";
import { signIn } from "../support/sign-in.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const chair = KNOWN_USERS.aobaVicePrincipal;
const teacher = KNOWN_USERS.aobaTeacher;
const SCHOOL = chair.schoolId;

let platform: RunningPlatform;
let browser: Browser;
const log: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(join(process.cwd(), "teams-app/dist/index.html"))) {
    throw new Error("teams-app is not built: npm run test:e2e builds it first");
  }
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
});

afterAll(async () => {
  if (log.some((l) => l.startsWith("pageerror"))) console.log(log.join("\n"));
  await browser?.close();
  await platform?.stop();
});

/** A PDF whose pages have these texts (one line each). */
async function pdfOf(pages: string[]) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) doc.addPage([595, 842]).drawText(text, { x: 50, y: 760, size: 16, font });
  return Buffer.from(await doc.save());
}

async function signedInPage(upn: string, path: string, viewport = { width: 1280, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.push(`pageerror [${upn}]: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") log.push(`console.error [${upn}]: ${m.text()}`);
  });
  await signInLocally(page, platform, upn, path);
  return page;
}

/** Selects `text` in the text layer of `pageNumber` of the open viewer (as a mouse drag would). */
async function selectText(page: Page, pageNumber: number, text: string) {
  await page
    .locator(`[data-testid="pdf-pages"] figure[data-page-number="${pageNumber}"] .textLayer span`, { hasText: text })
    .first()
    .waitFor({ timeout: 20_000 });
  await page.evaluate(
    ({ pageNumber, text }) => {
      const spans = Array.from(
        document.querySelectorAll(`[data-testid="pdf-pages"] figure[data-page-number="${pageNumber}"] .textLayer span`),
      );
      const span = spans.find((s) => s.textContent?.includes(text));
      const node = span?.firstChild;
      if (!node?.textContent) throw new Error(`no text ${text}`);
      const at = node.textContent.indexOf(text);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const sel = document.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    },
    { pageNumber, text },
  );
  // selectionchange is dispatched asynchronously.
  await page.waitForTimeout(100);
}

const jstTomorrow = () => new Date(Date.now() + 9 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);

describe("meetings tab (会議)", () => {
  let meetingUrl = "";

  it("the chair creates a meeting, adds a material (refusals explained) and distributes it", async () => {
    const page = await signedInPage(chair.upn, `/meetings?school=${SCHOOL}`);
    await page.getByTestId("meetings-new").click();
    await page.getByTestId("meeting-title").fill("12月職員会議（タブ）");
    await page.getByTestId("meeting-date").fill(jstTomorrow());
    await page.getByTestId("meeting-start").fill("15:30");
    await page.getByTestId("meeting-end").fill("16:30");
    await page.getByTestId("meeting-place").fill("会議室");
    // Attendees: not 全教職員 but the teacher, picked by name from the staff list.
    await page.getByTestId("meeting-all-staff").uncheck();
    await page.getByTestId("meeting-people").fill(teacher.displayName.slice(0, 2));
    await page.getByRole("option", { name: teacher.displayName }).click();
    await expect
      .poll(() => page.getByTestId("meeting-attendee-count").textContent(), { timeout: 20_000 })
      .toBe("出席者 1 名:");
    await expect(page.getByTestId("meeting-attendee-preview").textContent()).resolves.toContain(teacher.displayName);
    // Agenda: 30 + 40 minutes overrun a 60-minute meeting; 30 + 30 fit.
    await page.getByTestId("agenda-add").click();
    await page.getByTestId("agenda-add").click();
    const items = page.getByTestId("agenda-item");
    await items.nth(0).getByTestId("agenda-title").fill("運動会の予算");
    await items.nth(0).getByTestId("agenda-presenter").selectOption({ label: teacher.displayName });
    await items.nth(0).getByTestId("agenda-minutes").fill("30");
    await items.nth(1).getByTestId("agenda-title").fill("校則の見直し");
    await items.nth(1).getByTestId("agenda-minutes").fill("40");
    await expect(page.getByTestId("agenda-overrun").textContent()).resolves.toContain("10 分超えています");
    await items.nth(1).getByTestId("agenda-minutes").fill("30");
    await page.getByTestId("agenda-overrun").waitFor({ state: "detached" });
    await expect(page.getByTestId("agenda-total").textContent()).resolves.toBe("合計 60 分 / 会議 60 分");
    await page.getByTestId("meeting-save").click();
    await page.getByTestId("meeting-detail").waitFor({ timeout: 20_000 });
    await expect(page.getByTestId("meeting-when").textContent()).resolves.toMatch(/15:30–16:30$/);
    meetingUrl = new URL(page.url()).search;

    // Materials: one PDF on the first agenda item; a PNG named .pdf and an encrypted PDF are refused.
    await page.getByTestId("meeting-tab-materials").click();
    const firstItemDrop = page.locator('[data-testid^="material-drop-a"][data-testid$="-input"]').first();
    await firstItemDrop.setInputFiles({
      name: "予算案.pdf",
      mimeType: "application/pdf",
      buffer: await pdfOf(["Sports day budget 2026 draft", "Old rule about uniforms"]),
    });
    await page.getByTestId("material-title").fill("運動会予算案");
    await page.getByTestId("material-register").click();
    await page.locator('[data-testid="material-item"]', { hasText: "運動会予算案" }).waitFor({ timeout: 20_000 });
    await firstItemDrop.setInputFiles({
      name: "写真.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(solidPng(4, 4)),
    });
    const mismatch = page.locator('[data-testid="material-refused"]').first();
    await mismatch.waitFor({ timeout: 20_000 });
    await expect(mismatch.getAttribute("data-code")).resolves.toBe("FILE_TYPE_MISMATCH");
    await mismatch.getByRole("button", { name: "閉じる" }).click();
    await firstItemDrop.setInputFiles({
      name: "保護.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(await encryptedPdf()),
    });
    // Staged (the upload does not open PDFs), then refused when it is to become a material.
    const settled = page.locator('[data-testid="material-staged"]:is([data-status="staged"], [data-status="failed"])');
    await settled.first().waitFor({ timeout: 20_000 });
    if ((await settled.first().getAttribute("data-status")) === "staged")
      await page.getByTestId("material-register").click();
    const encrypted = page.locator('[data-testid="material-refused"][data-code="PDF_ENCRYPTED"]');
    await encrypted.waitFor({ timeout: 20_000 });
    await expect(encrypted.textContent()).resolves.toContain("パスワードや印刷・コピー制限をかけずに");

    // The material is put in the meeting's folder in the background: the agenda offers it when ready.
    await page.getByTestId("meeting-tab-agenda").click();
    await page.getByTestId("material-open").waitFor({ timeout: 60_000 });

    await page.getByTestId("meeting-distribute").click();
    await expect
      .poll(() => page.getByTestId("meeting-distribute-count").textContent(), { timeout: 20_000 })
      .toContain("出席者 1 名");
    await page.getByTestId("meeting-distribute-dialog-confirm").click();
    await page.locator('[data-testid="meeting-status"][data-status="distributed"]').waitFor({ timeout: 30_000 });
    await page.context().close();
  });

  it("the attendee reads, searches, highlights and notes; a new version moves and flags the notes", async () => {
    expect(meetingUrl).not.toBe("");
    const reader = await signedInPage(teacher.upn, `/meetings${meetingUrl}`, { width: 1024, height: 900 });
    await reader.getByTestId("material-open").click();
    await reader.locator('[data-testid="pdf-viewer"][data-page-count="2"]').waitFor({ timeout: 30_000 });
    // Search within the material.
    await reader.getByTestId("viewer-search").fill("uniforms");
    await reader.getByTestId("viewer-search").press("Enter");
    await expect(reader.getByTestId("viewer-hits").textContent()).resolves.toContain("p.2");
    // Keyboard path: highlight the search hit (no mouse selection).
    await reader.getByTestId("viewer-hit-highlight").focus();
    await reader.keyboard.press("Enter");
    await reader.locator('[data-testid="highlights"][data-page="2"] span').first().waitFor({ timeout: 10_000 });
    // A highlight on page 1 and a note on page 2.
    await selectText(reader, 1, "Sports day budget");
    await reader.getByTestId("viewer-highlight").click();
    await reader.locator('[data-testid="highlights"][data-page="1"] span').first().waitFor({ timeout: 10_000 });
    await selectText(reader, 2, "Old rule");
    await reader.getByTestId("viewer-note").click();
    await reader
      .locator('[data-testid="note"][data-state="anchored"]', { hasText: "Old rule" })
      .getByTestId("note-text")
      .fill("制服の件を確認する");
    await reader.getByTestId("notes-saved").waitFor({ timeout: 10_000 });
    // Stay on page 1 for more than a second so that it is reported as seen.
    await reader.waitForTimeout(2500);
    await reader.getByTestId("viewer-back").click();
    await reader.getByTestId("meeting-agenda").waitFor();

    // The chair: read status, then 第2版 (the highlighted text now on page 2, the noted text gone).
    const chairPage = await signedInPage(chair.upn, `/meetings${meetingUrl}`);
    await chairPage.getByTestId("meeting-tab-read").click();
    const row = chairPage.locator('[data-testid="read-row"]', { hasText: teacher.displayName });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/開封済み ?（[12]\/2 ページ）/);
    await chairPage.getByTestId("meeting-tab-materials").click();
    await chairPage.getByTestId("material-replace").click();
    await chairPage.getByTestId("material-replace-drop-input").setInputFiles({
      name: "予算案v2.pdf",
      mimeType: "application/pdf",
      buffer: await pdfOf(["Cover page", "Sports day budget 2026 final"]),
    });
    await chairPage.getByTestId("material-change-note").fill("表紙を追加しました");
    await chairPage.getByTestId("material-replace-confirm").click();
    await chairPage.locator('[data-testid="material-item"]', { hasText: "第2版" }).waitFor({ timeout: 30_000 });

    // The attendee's notes follow the text (the reanchoring runs in the background): wait for it, then open 第2版.
    const token = await signIn(platform, teacher.upn);
    const params = new URLSearchParams(meetingUrl);
    const meetingId = params.get("meeting") ?? "";
    const meeting = (await (
      await fetch(`${platform.url}/api/schools/${SCHOOL}/meetings/${meetingId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { materials: { id: string }[] };
    const materialId = meeting.materials[0]?.id ?? "";
    await expect
      .poll(
        async () => {
          const res = await fetch(
            `${platform.url}/api/schools/${SCHOOL}/meetings/${meetingId}/materials/${materialId}/notes`,
            {
              headers: { authorization: `Bearer ${token}` },
            },
          );
          const body = (await res.json()) as { version: number; notes: { state: string }[] };
          return `${body.version}:${body.notes
            .map((n) => n.state)
            .sort()
            .join(",")}`;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe("2:moved,orphaned,orphaned");
    await reader.goto(`${platform.url}/meetings${meetingUrl}`);
    await reader.getByTestId("material-open").click();
    await reader.getByTestId("notes-panel").waitFor({ timeout: 20_000 });
    await expect(reader.getByTestId("note-moved").textContent()).resolves.toBe("第2版で p.1 → p.2 に移動");
    const orphaned = reader.getByTestId("notes-orphaned");
    await expect(orphaned.textContent()).resolves.toContain("本文が見つからないメモ（2）");
    await expect(orphaned.textContent()).resolves.toContain("Old rule");
    await expect(
      orphaned.locator('[data-testid="note"]', { hasText: "Old rule" }).getByTestId("note-text").inputValue(),
    ).resolves.toBe("制服の件を確認する");
    await expect(orphaned.textContent()).resolves.toContain("uniforms");
    await expect(reader.getByTestId("viewer-newer").textContent()).resolves.toContain("第2版に更新されています");
    await reader.locator('[data-testid="highlights"][data-page="2"] span').first().waitFor({ timeout: 20_000 });

    // Minutes: the chair assigns an action item to the teacher, who marks it done.
    await chairPage.getByTestId("meeting-tab-minutes").click();
    await chairPage.getByTestId("minutes-discussion").first().fill("予算案を確認した。");
    await chairPage.getByTestId("minutes-decisions").first().fill("原案どおり承認。");
    await chairPage.getByTestId("minutes-add-action").click();
    const action = chairPage.getByTestId("minutes-action-item");
    await action.getByTestId("action-title").fill("見積もりを取る");
    await action.getByTestId("action-assignee").selectOption({ label: teacher.displayName });
    await action.getByTestId("action-due").fill(jstTomorrow());
    await chairPage.getByTestId("minutes-save").click();
    await chairPage.getByText("議事録を保存しました。").first().waitFor({ state: "attached", timeout: 20_000 });
    // 決裁に回す with a 文書分類 → the approval's status and its link in 承認.
    await chairPage.getByTestId("minutes-submit").click();
    await chairPage.getByTestId("category-picker").selectOption({ index: 1 });
    await chairPage.getByTestId("minutes-submit-dialog-confirm").click();
    await expect.poll(() => chairPage.getByTestId("minutes-status").textContent(), { timeout: 30_000 }).toBe("決裁中");
    await expect(chairPage.getByRole("link", { name: "承認で開く" }).getAttribute("href")).resolves.toMatch(
      /^\/approvals\?school=aoba-e&approval=[^&]+$/,
    );
    await expect(chairPage.getByTestId("minutes-save").count()).resolves.toBe(0);
    await reader.goto(`${platform.url}/meetings${meetingUrl}`);
    const mine = reader.getByTestId("my-action-items");
    await mine.waitFor({ timeout: 20_000 });
    await mine.getByTestId("action-item-done").click();
    await expect.poll(() => mine.textContent(), { timeout: 20_000 }).toContain("完了");
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });

  it("past meetings: found by words in the list, and the meeting folder filed to records", async () => {
    const token = await signIn(platform, chair.upn);
    // Ended an hour ago (the same 年度 as now, which the list shows first).
    const start = new Date(Date.now() - 2 * 3600_000);
    const created = await fetchJson<{ id: string; etag: string }>(
      platform,
      token,
      "POST",
      `/api/schools/${SCHOOL}/meetings`,
      {
        type: "committee",
        title: "いじめ防止委員会（振り返り）",
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        place: "校長室",
        attendees: { people: [teacher.id] },
        online: false,
      },
    );
    const upload = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/pdf",
        "x-komu-file-name": encodeURIComponent("報告.pdf"),
      },
      body: await pdfOf(["Committee report"]),
    });
    const { uploadId } = (await upload.json()) as { uploadId: string };
    await fetchJson<unknown>(platform, token, "POST", `/api/schools/${SCHOOL}/meetings/${created.id}/materials`, {
      uploadId,
      title: "報告",
      classification: "III",
    });

    const page = await signedInPage(chair.upn, `/meetings?school=${SCHOOL}`);
    await page.getByTestId("meetings-search").fill("いじめ防止");
    await page
      .locator('[data-testid="meetings-list"][data-query="いじめ防止"][data-state="ok"]')
      .waitFor({ timeout: 20_000 });
    const past = page.getByTestId("meetings-past");
    await expect(past.getByTestId("meeting-row").count()).resolves.toBe(1);
    await expect(page.getByTestId("meetings-upcoming").getByTestId("meeting-row").count()).resolves.toBe(0);
    await past.getByRole("button", { name: /いじめ防止委員会/ }).click();
    await page.getByTestId("material-open").waitFor({ timeout: 60_000 }); // ready in the meeting's folder
    await page.getByTestId("meeting-tab-minutes").click();
    await page.getByTestId("meeting-file").click();
    await page.getByTestId("category-picker").selectOption({ index: 1 });
    await page.getByTestId("meeting-file-dialog-confirm").click();
    await expect
      .poll(() => page.getByTestId("meeting-filed").textContent(), { timeout: 30_000 })
      .toBe("学校文書に 1 件保存しました。");
    expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
  });
});
