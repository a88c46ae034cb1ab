/**
 * Acceptance (issue 6 "Done when", first part: paperless staff meetings) in Chromium on the local platform.
 *  1. The 教頭 of 青葉小学校 (chair) creates a meeting in the tab for the 教諭, 養護教諭 and 事務職員 of
 *     aoba-e (the preview names exactly those 20 people), with an agenda of 2 items and 2 materials (PDFs
 *     with text on several pages, dropped on the agenda items), and 配信 (the confirmation names 20).
 *  2. Each of the 20 has exactly one meeting card in their chat with Kōmu (title and agenda), checked
 *     through the local Teams tenant's chats; nobody else at the school has one; the card is seen
 *     rendered in one attendee's chat in the local Teams client.
 *  3. A teacher (attendee) highlights text on page 2 of material 1 in the tab's viewer and writes a note
 *     on it; the chair uploads 第2版 (that text now on page 3, the rest changed) with a change note; the
 *     teacher gets one 「更新されました」 card, reloads and sees the 新しい版 banner and the note with its
 *     text under page 3 (「第2版で p.2 → p.3 に移動」), drawn on page 3; nothing lost.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RunningPlatform } from "@komu/local/platform";
import { staffUserId } from "@komu/local/tenant/seed/ids";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { readRoster } from "@komu/local/tenant/seed/roster";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardMessages, cardText } from "../support/approval-cards.js";
import { E2E_ARTIFACTS, e2eSteps } from "../support/e2e-steps.js";
import { signInLocally } from "../support/local-sign-in.js";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";
import { textPdf } from "../support/text-pdf.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const chair = KNOWN_USERS.aobaVicePrincipal;
const teacher = KNOWN_USERS.aobaTeacher;
const SCHOOL = chair.schoolId;

const roster = readRoster();
const schoolStaff = roster.staff
  .filter((r) => r.学校コード === SCHOOL)
  .map((r) => ({ id: staffUserId(r.職員番号), name: `${r.姓} ${r.名}` }));
const nameOf = (oid: string) => schoolStaff.find((s) => s.id === oid)?.name ?? oid;

const TITLE = `第9回 職員会議（e2e ${Date.now()}）`;
const AGENDA = ["運動会の予算について", "二学期の行事予定"];
const MATERIAL_1 = "運動会予算案";
const MATERIAL_2 = "二学期行事予定表";
/** The text the teacher highlights and notes: page 2 of 第1版, page 3 of 第2版. */
const QUOTE = "Tents and water for 400 pupils";
const NOTE = "テントの数を学年主任と確認する";
const CHANGE_NOTE = "表紙と変更点の要約を追加し、費用を更新しました";

const material1v1 = () =>
  textPdf([
    ["Sports day budget proposal", "Prepared for the staff meeting"],
    ["Sports day budget 2026 draft", QUOTE, "Total cost 180000 yen"],
    ["Schedule for the autumn term", "Open school day in November"],
  ]);
const material1v2 = () =>
  textPdf([
    ["Sports day budget proposal (second edition)", "Cover page added"],
    ["Summary of changes since the first edition", "Costs were checked with the PTA"],
    ["Sports day budget 2026 final", QUOTE, "Total cost 195000 yen"],
    ["Schedule for the winter term", "Ski trip in February"],
  ]);
const material2 = () =>
  textPdf([
    ["Second term events", "September: sports day"],
    ["October: school trip for grade 6", "November: open school day"],
    ["December: closing ceremony", "Report cards on December 24"],
  ]);

let platform: RunningPlatform;
let browser: Browser;

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
  await browser?.close();
  await platform?.stop();
});

const { log, pages, step, watch, pageErrors } = e2eSteps("meetings");

/** A fresh browser session signed in to the tab (local sign-in) as `upn`, on `path`. */
async function signedInPage(upn: string, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 1000 } });
  const page = watch(await context.newPage(), upn);
  await signInLocally(page, platform, upn, path);
  return page;
}

/** A fresh session in the local Teams client as `oid`, on the chat with Kōmu's bot. */
async function teamsClient(oid: string): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1500, height: 1000 } });
  const page = watch(await context.newPage(), `teams ${oid}`);
  await page.goto(`${platform.tenant.httpOrigin}/`);
  await page.selectOption("select#user", oid);
  await page.fill("#password", platform.config.m365.devPassword ?? "");
  await page.click("form.signin button[type=submit]");
  // Opening Teams installs Kōmu for the user: the bot's welcome card arrives in the chat.
  await page.getByRole("button", { name: "確認しました" }).first().waitFor({ timeout: 30_000 });
  return page;
}

/** Selects `text` in the text layer of `pageNumber` of the open viewer (as a mouse drag would). */
async function selectText(page: Page, pageNumber: number, text: string) {
  const span = page
    .locator(`[data-testid="pdf-pages"] figure[data-page-number="${pageNumber}"] .textLayer span`, { hasText: text })
    .first();
  await span.waitFor({ timeout: 20_000 });
  await span.scrollIntoViewIfNeeded();
  await page.evaluate(
    ({ pageNumber, text }) => {
      const spans = Array.from(
        document.querySelectorAll(`[data-testid="pdf-pages"] figure[data-page-number="${pageNumber}"] .textLayer span`),
      );
      const node = spans.find((s) => s.textContent?.includes(text))?.firstChild;
      if (!node?.textContent) throw new Error(`no text ${text}`);
      const at = node.textContent.indexOf(text);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      // selectionchange is dispatched asynchronously: the app listens for it.
      document.dispatchEvent(new Event("selectionchange"));
    },
    { pageNumber, text },
  );
}

/** The members of the trusted role group `komu-<school>-<role>` (the attendees a role reaches). */
async function roleMembers(role: string): Promise<string[]> {
  const graph = platform.deps.graph.app;
  const groups = await graph.api(`/groups?$filter=mailNickname eq 'komu-${SCHOOL}-${role}'&$select=id`).get();
  const members = await graph.api(`/groups/${groups.value[0].id}/members?$select=id&$top=999`).get();
  return (members.value as { id: string }[]).map((m) => m.id);
}

const meetingCards = (oid: string, meetingId: string) =>
  cardMessages(platform, oid).filter((m) => cardText(m.card).includes(meetingId));
const isUpdate = (m: { card: unknown }) => cardText(m.card).includes("更新されました");

async function notesOf(token: string, meetingId: string, materialId: string) {
  const res = await fetch(`${platform.url}/api/schools/${SCHOOL}/meetings/${meetingId}/materials/${materialId}/notes`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`notes → ${res.status} ${await res.text()}`);
  return (await res.json()) as {
    version: number;
    notes: {
      id: string;
      text: string;
      state: string;
      anchor: { page: number; quote: string };
      previousPage: number | null;
    }[];
  };
}

describe("meetings acceptance (ペーパーレス会議)", () => {
  it("20 attendees get one card each; an attendee's note survives 第2版 (p.2 → p.3)", async () => {
    const started = Date.now();
    // The 20: the members of the 教諭, 養護教諭 and 事務職員 groups of aoba-e.
    const attendees = [...new Set((await Promise.all(["teacher", "nurse", "clerk"].map(roleMembers))).flat())];
    expect(attendees).toHaveLength(20);
    expect(attendees).toContain(teacher.id);
    expect(attendees).not.toContain(chair.id);

    // ── 1. the chair creates the meeting in the tab ──────────────────────────────────────
    const chairPage = await step("the 教頭 signs in to the tab", () =>
      signedInPage(chair.upn, `/meetings?school=${SCHOOL}`),
    );
    const meetingId = await step(
      "creates the meeting for 教諭 + 養護教諭 + 事務職員 (the preview names 20)",
      async () => {
        await chairPage.getByTestId("meetings-new").click();
        await chairPage.getByTestId("meeting-title").fill(TITLE);
        const jstTomorrow = new Date(Date.now() + 9 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
        await chairPage.getByTestId("meeting-date").fill(jstTomorrow);
        await chairPage.getByTestId("meeting-start").fill("15:30");
        await chairPage.getByTestId("meeting-end").fill("16:30");
        await chairPage.getByTestId("meeting-place").fill("会議室");
        await chairPage.getByTestId("meeting-all-staff").uncheck();
        for (const role of ["教諭", "養護教諭", "事務職員"])
          await chairPage.getByRole("checkbox", { name: role, exact: true }).check();
        await expect
          .poll(() => chairPage.getByTestId("meeting-attendee-count").textContent(), { timeout: 20_000 })
          .toBe("出席者 20 名:");
        const named = await chairPage.locator('[data-testid="meeting-attendee-preview"] li').allTextContents();
        expect(named.sort()).toEqual(attendees.map(nameOf).sort());
        await chairPage.getByTestId("agenda-add").click();
        await chairPage.getByTestId("agenda-add").click();
        const items = chairPage.getByTestId("agenda-item");
        for (const [i, title] of AGENDA.entries()) {
          await items.nth(i).getByTestId("agenda-title").fill(title);
          await items.nth(i).getByTestId("agenda-minutes").fill("30");
        }
        await expect(chairPage.getByTestId("agenda-total").textContent()).resolves.toBe("合計 60 分 / 会議 60 分");
        await chairPage.getByTestId("meeting-save").click();
        await chairPage.getByTestId("meeting-detail").waitFor({ timeout: 20_000 });
        const id = new URL(chairPage.url()).searchParams.get("meeting");
        expect(id).toBeTruthy();
        return id as string;
      },
    );

    await step("drops a PDF on each agenda item: 2 materials, ready in the meeting's folder", async () => {
      await chairPage.getByTestId("meeting-tab-materials").click();
      const drops = chairPage.locator('[data-testid^="material-drop-a"][data-testid$="-input"]');
      await expect.poll(() => drops.count()).toBe(2);
      const files = [
        { title: MATERIAL_1, name: "運動会予算案.pdf", buffer: await material1v1() },
        { title: MATERIAL_2, name: "二学期行事予定.pdf", buffer: await material2() },
      ];
      for (const [i, f] of files.entries()) {
        await drops.nth(i).setInputFiles({ name: f.name, mimeType: "application/pdf", buffer: f.buffer });
        await chairPage.getByTestId("material-title").fill(f.title);
        await chairPage.getByTestId("material-register").click();
        await chairPage.locator('[data-testid="material-item"]', { hasText: f.title }).waitFor({ timeout: 20_000 });
      }
      await chairPage.getByTestId("meeting-tab-agenda").click();
      // Both put in the meeting's folder in the background: the agenda offers them when ready.
      await expect.poll(() => chairPage.getByTestId("material-open").count(), { timeout: 60_000 }).toBe(2);
      for (const [i, title] of AGENDA.entries()) {
        const entry = chairPage.getByTestId("agenda-entry").nth(i);
        await expect(entry.textContent()).resolves.toContain(title);
        await expect(entry.textContent()).resolves.toContain(i === 0 ? MATERIAL_1 : MATERIAL_2);
      }
    });

    await step("配信: the confirmation names 20 attendees", async () => {
      await chairPage.getByTestId("meeting-distribute").click();
      await expect
        .poll(() => chairPage.getByTestId("meeting-distribute-count").textContent(), { timeout: 20_000 })
        .toContain("出席者 20 名");
      await chairPage.getByTestId("meeting-distribute-dialog-confirm").click();
      await chairPage.locator('[data-testid="meeting-status"][data-status="distributed"]').waitFor({ timeout: 30_000 });
    });

    // ── 2. one card each, nobody else ─────────────────────────────────────────────────────
    await step("each of the 20 has exactly one meeting card in their chat with Kōmu; nobody else", async () => {
      await expect
        .poll(() => attendees.filter((oid) => meetingCards(oid, meetingId).length > 0).length, {
          timeout: 60_000,
          interval: 250,
        })
        .toBe(20);
      for (const oid of attendees) {
        const cards = meetingCards(oid, meetingId);
        expect(cards, nameOf(oid)).toHaveLength(1);
        const text = cardText(cards[0]?.card);
        expect(text).toContain(TITLE);
        for (const title of AGENDA) expect(text, nameOf(oid)).toContain(title);
      }
      const others = schoolStaff.filter((s) => !attendees.includes(s.id));
      expect(others.length).toBeGreaterThan(0);
      for (const other of others) expect(meetingCards(other.id, meetingId), other.name).toHaveLength(0);
    });

    await step("the card is rendered in the teacher's chat in the local Teams client", async () => {
      const teams = await teamsClient(teacher.id);
      await teams.getByRole("navigation").getByRole("button", { name: "チャット" }).click();
      const card = teams.locator(".msg", { hasText: TITLE });
      await card.first().waitFor({ timeout: 30_000 });
      await expect(card.count()).resolves.toBe(1);
      for (const title of AGENDA) await card.getByText(title).first().waitFor();
      await expect(card.textContent()).resolves.toContain("2 件"); // 資料
      await card.getByText("資料を開く", { exact: true }).waitFor();
      await teams.screenshot({ path: join(E2E_ARTIFACTS, "meetings-card.png") });
      await teams.context().close();
      pages.splice(pages.indexOf(teams), 1);
    });

    // ── 3. the teacher's note survives 第2版 ──────────────────────────────────────────────
    const reader = await step("the teacher opens material 1 in the tab's viewer", async () => {
      const page = await signedInPage(teacher.upn, `/meetings?school=${SCHOOL}&meeting=${meetingId}`);
      await page.locator('[data-testid="material-item"]', { hasText: MATERIAL_1 }).getByTestId("material-open").click();
      await page.locator('[data-testid="pdf-viewer"][data-page-count="3"]').waitFor({ timeout: 30_000 });
      return page;
    });
    const materialId = (await reader.getByTestId("material-viewer").getAttribute("data-material-id")) ?? "";
    expect(materialId).not.toBe("");
    const token = await signIn(platform, teacher.upn);

    await step("highlights text on page 2 and writes a note on it (saved)", async () => {
      await selectText(reader, 2, QUOTE);
      await reader.getByTestId("viewer-note").click();
      await reader
        .locator('[data-testid="note"][data-state="anchored"]', { hasText: QUOTE })
        .getByTestId("note-text")
        .fill(NOTE);
      await reader.getByTestId("notes-saved").waitFor({ timeout: 10_000 });
      await reader.locator('[data-testid="highlights"][data-page="2"] span').first().waitFor({ timeout: 10_000 });
      const saved = await notesOf(token, meetingId, materialId);
      expect(saved.notes.map((n) => [n.anchor.page, n.anchor.quote, n.text, n.state])).toEqual([
        [2, QUOTE, NOTE, "anchored"],
      ]);
    });

    await step("the chair uploads 第2版 of material 1 with a change note", async () => {
      await chairPage.getByTestId("meeting-tab-materials").click();
      const row = chairPage.locator("li", {
        has: chairPage.locator('[data-testid="material-item"]', { hasText: MATERIAL_1 }),
      });
      await row.getByTestId("material-replace").click();
      await chairPage.getByTestId("material-replace-drop-input").setInputFiles({
        name: "運動会予算案_第2版.pdf",
        mimeType: "application/pdf",
        buffer: await material1v2(),
      });
      await chairPage.getByTestId("material-change-note").fill(CHANGE_NOTE);
      await chairPage.getByTestId("material-replace-confirm").click();
      await chairPage
        .locator('[data-testid="material-item"]', { hasText: MATERIAL_1 })
        .filter({ hasText: "第2版" })
        .waitFor({ timeout: 30_000 });
    });

    await step("the teacher gets one 「更新されました」 card (and every attendee one)", async () => {
      await expect
        .poll(() => attendees.filter((oid) => meetingCards(oid, meetingId).filter(isUpdate).length > 0).length, {
          timeout: 60_000,
          interval: 250,
        })
        .toBe(20);
      const updates = meetingCards(teacher.id, meetingId).filter(isUpdate);
      expect(updates).toHaveLength(1);
      const text = cardText(updates[0]?.card);
      expect(text).toContain(`資料『${MATERIAL_1}』が更新されました（第2版）`);
      expect(text).toContain(CHANGE_NOTE);
      for (const oid of attendees) expect(meetingCards(oid, meetingId), nameOf(oid)).toHaveLength(2);
    });

    await step("the note is carried to 第2版 in the background (p.2 → p.3, its text kept)", async () => {
      await expect
        .poll(
          async () => {
            const v = await notesOf(token, meetingId, materialId);
            return `${v.version}:${v.notes.map((n) => `${n.state}@${n.anchor.page}`).join(",")}`;
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe("2:moved@3");
      const carried = await notesOf(token, meetingId, materialId);
      expect(carried.notes.map((n) => [n.text, n.anchor.quote, n.previousPage])).toEqual([[NOTE, QUOTE, 2]]);
    });

    await step(
      "the teacher reloads: 新しい版 banner, the note with its text under p.3 (p.2 → p.3 に移動)",
      async () => {
        await reader.reload();
        await reader.locator('[data-testid="pdf-viewer"][data-page-count="4"]').waitFor({ timeout: 30_000 });
        await expect(reader.getByTestId("viewer-newer").textContent()).resolves.toContain("第2版に更新されています");
        await reader.getByTestId("notes-panel").waitFor({ timeout: 20_000 });
        await expect(reader.getByTestId("note").count()).resolves.toBe(1);
        const onPage3 = reader.locator('[data-testid="notes-page"][data-page="3"] [data-testid="note"]');
        await expect(onPage3.count()).resolves.toBe(1);
        await expect(onPage3.getAttribute("data-state")).resolves.toBe("moved");
        await expect(onPage3.getByTestId("note-moved").textContent()).resolves.toBe("第2版で p.2 → p.3 に移動");
        await expect(onPage3.getByTestId("note-text").inputValue()).resolves.toBe(NOTE);
        await expect(onPage3.textContent()).resolves.toContain(QUOTE);
        await expect(reader.getByTestId("notes-orphaned").count()).resolves.toBe(0);
        // Drawn on the quoted text of page 3, nothing on page 2.
        await reader.locator('[data-testid="highlights"][data-page="3"] span').first().waitFor({ timeout: 20_000 });
        await expect(reader.locator('[data-testid="highlights"][data-page="2"]').count()).resolves.toBe(0);
        await reader.screenshot({ path: join(E2E_ARTIFACTS, "meetings-note-moved.png") });
      },
    );

    expect(pageErrors(), log.join("\n")).toEqual([]);
    console.log(`meetings acceptance: ${((Date.now() - started) / 1000).toFixed(1)} s (after the platform started)`);
  });
});
