/**
 * Issue 6, presenter mode in Chromium: the 教頭 of 青葉小学校 chairs a meeting with a 6-page PDF
 * material (created through the meetings API); she and a teacher (an attendee, on a tablet-sized
 * 768 px window) open the stage view /meetings/stage in two browser sessions, which join the same
 * Live Share container through the local relay and container map. The chair presents and turns to
 * page 3 → the teacher, following, is on page 3; the teacher steps away (自分で見る) → the chair
 * turns to page 4 → the teacher stays on 3 (while her status line shows the chair on p.4); 戻る →
 * page 4. The side panel's 320 px width shows the same controls.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { plainPdf } from "@komu/functions/approvals/pdf/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchJson } from "../support/fetch-json.js";
import { signInLocally } from "../support/local-sign-in.js";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const chair = KNOWN_USERS.aobaVicePrincipal;
const teacher = KNOWN_USERS.aobaTeacher;
const SCHOOL = chair.schoolId;

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(join(process.cwd(), "teams-app/dist/index.html"))) {
    throw new Error("teams-app is not built: npm run test:e2e builds it first");
  }
  platform = await startTestPlatform({ liveShare: true, throttle: "off" });
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

type Json = Record<string, unknown> & { etag?: string };

/** A meeting tomorrow with the teacher as attendee and one 6-page PDF material, ready to read and distributed. */
async function meetingWithMaterial(): Promise<{ meetingId: string; materialId: string }> {
  const token = await signIn(platform, chair.upn);
  const start = new Date(Date.now() + 24 * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  const created = await fetchJson<Json>(platform, token, "POST", `/api/schools/${SCHOOL}/meetings`, {
    type: "staffMeeting",
    title: "12月職員会議（発表モード）",
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3600_000).toISOString(),
    place: "会議室",
    attendees: { people: [teacher.id] },
    online: false,
  });
  const meetingId = created.id as string;
  const upload = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/pdf",
      "x-komu-file-name": encodeURIComponent("資料1.pdf"),
    },
    body: Buffer.from(await plainPdf({ pages: 6, text: "Agenda material" })),
  });
  expect(upload.status).toBe(201);
  const { uploadId } = (await upload.json()) as { uploadId: string };
  const withMaterial = await fetchJson<Json>(
    platform,
    token,
    "POST",
    `/api/schools/${SCHOOL}/meetings/${meetingId}/materials`,
    { uploadId, title: "資料1", classification: "III" },
    { "if-match": created.etag as string },
  );
  const materialId = (withMaterial.materials as { id: string }[])[0]?.id as string;
  // The upload to the meeting's folder is an outbox effect: wait until the material is ready.
  await expect
    .poll(
      async () => {
        const view = await fetchJson<Json>(platform, token, "GET", `/api/schools/${SCHOOL}/meetings/${meetingId}`);
        return (view.materials as { id: string; status: string }[]).find((m) => m.id === materialId)?.status;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe("ready");
  // Attendees see a meeting once it is distributed.
  const ready = await fetchJson<Json>(platform, token, "GET", `/api/schools/${SCHOOL}/meetings/${meetingId}`);
  await fetchJson<Json>(platform, token, "POST", `/api/schools/${SCHOOL}/meetings/${meetingId}/distribute`, undefined, {
    "if-match": ready.etag as string,
  });
  return { meetingId, materialId };
}

async function signedInPage(upn: string, path: string, viewport: { width: number; height: number }, log: string[]) {
  const context = await browser.newContext({ locale: "ja-JP", viewport });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.push(`pageerror [${upn}]: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") log.push(`console.error [${upn}]: ${m.text()}`);
  });
  await signInLocally(page, platform, upn, path);
  return page;
}

const status = (page: Page) => page.getByTestId("presenter-status");
const pageInput = (page: Page) => page.getByTestId("pdf-page-input");

/** Waits until the status line is in `mode` (and, when given, shows `text`). */
async function waitForMode(page: Page, mode: string, text?: string) {
  await page
    .locator(`[data-testid="presenter-status"][data-mode="${mode}"]`, text ? { hasText: text } : {})
    .waitFor({ timeout: 30_000 });
}

async function waitForPage(page: Page, n: number) {
  await expect.poll(() => pageInput(page).inputValue(), { timeout: 20_000, interval: 100 }).toBe(String(n));
}

describe("meetings presenter mode (Live Share follow mode through the local relay)", () => {
  it("a follower's page moves with the presenter's, stays when she steps away, and catches up when she rejoins", async () => {
    const log: string[] = [];
    const pages: Page[] = [];
    try {
      const { meetingId } = await meetingWithMaterial();
      const path = `/meetings/stage?school=${SCHOOL}&meeting=${meetingId}`;
      const [presenter, follower] = await Promise.all([
        signedInPage(chair.upn, path, { width: 1280, height: 900 }, log),
        signedInPage(teacher.upn, path, { width: 768, height: 1024 }, log),
      ]);
      pages.push(presenter, follower);
      for (const p of [presenter, follower]) {
        await p.getByRole("heading", { level: 1, name: "12月職員会議（発表モード）" }).waitFor({ timeout: 30_000 });
        await p.getByTestId("pdf-viewer").and(p.locator("[data-page-count='6']")).waitFor({ timeout: 30_000 });
        await waitForMode(p, "solo", "発表している人はいません");
      }

      // The chair presents; the teacher is told who presents and chooses to follow.
      await presenter.getByRole("button", { name: "発表する" }).click();
      await waitForMode(presenter, "presenting", "発表中です");
      await waitForMode(follower, "notFollowing", `${chair.displayName}さんが発表中: 資料1 p.1`);
      await follower.getByRole("button", { name: "発表者に合わせる" }).click();
      await waitForMode(follower, "following");

      // The chair turns to page 3 → the follower's viewer is on page 3.
      await pageInput(presenter).fill("3");
      await pageInput(presenter).press("Enter");
      await waitForPage(presenter, 3);
      await waitForMode(follower, "following", "資料1 p.3");
      await waitForPage(follower, 3);

      // The follower steps away; the chair turns to page 4; the follower stays on 3.
      await follower.getByRole("button", { name: "自分で見る" }).click();
      await waitForMode(follower, "away", "p.3");
      await presenter.getByRole("button", { name: "次のページ", exact: true }).click();
      await waitForPage(presenter, 4);
      // Her status line learns the chair is on p.4 (the update reached her) — her viewer does not move.
      await waitForMode(follower, "away", `${chair.displayName}さんが発表中: 資料1 p.4`);
      expect(await pageInput(follower).inputValue()).toBe("3");

      // 戻る → page 4.
      await follower.getByRole("button", { name: "戻る" }).click();
      await waitForMode(follower, "following", "資料1 p.4");
      await waitForPage(follower, 4);

      // The Teams meeting side panel is 320 px wide: the status and the control still fit and work.
      await follower.setViewportSize({ width: 320, height: 700 });
      const stepAway = follower.getByRole("button", { name: "自分で見る" });
      const box = await stepAway.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
      await stepAway.focus();
      await follower.keyboard.press("Enter");
      await waitForMode(follower, "away");

      // The chair stops; nobody presents any more.
      await presenter.getByRole("button", { name: "発表を終了" }).click();
      await waitForMode(presenter, "solo");
      await waitForMode(follower, "solo");
      expect(await status(follower).textContent()).toContain("発表している人はいません");
      expect(log.filter((l) => l.startsWith("pageerror"))).toEqual([]);
    } catch (e) {
      for (const p of pages) {
        const s = status(p);
        log.push(
          `status: ${await s.getAttribute("data-mode").catch(() => "?")} ${await s.textContent().catch(() => "?")}`,
        );
      }
      console.error(log.filter((l) => !/ERR_NAME_NOT_RESOLVED|status of 404/.test(l)).join("\n"));
      throw e;
    }
  });
});
