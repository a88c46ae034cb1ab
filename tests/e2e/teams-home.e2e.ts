/**
 * Acceptance (issues 2 and 3): in Chromium, a seeded vice principal signs in to the local Teams
 * client, sees Kōmu's home tab in Japanese with their name taken from the SSO token (through
 * GET /api/me), receives the bot's welcome card, presses its button — the Action.Execute invoke
 * reaches the bot — and the updated card replaces the old one.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), ".tmp", "e2e");

let platform: RunningPlatform;
let browser: Browser;

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

describe("local Teams client with Kōmu", () => {
  it("a vice principal sees the Japanese home tab with their name, gets the bot's card, and its button updates it", async () => {
    const user = KNOWN_USERS.aobaVicePrincipal;
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    const consoleLines: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    const failWith = async (step: string, error: unknown) => {
      await page.screenshot({ path: join(ARTIFACTS, "failure.png") }).catch(() => undefined);
      throw new Error(`${step} failed (screenshot .tmp/e2e/failure.png)\nconsole:\n${consoleLines.join("\n")}`, {
        cause: error,
      });
    };

    await page.goto(`${platform.tenant.httpOrigin}/`);
    await page.selectOption("select#user", user.id);
    await page.fill("#password", platform.config.m365.devPassword ?? "");
    await page.click("form.signin button[type=submit]");

    // The bot's welcome card arrives in the chat pane; its Action.Execute reaches the bot,
    // and the card the bot returns replaces the old one in place.
    const ack = page.getByRole("button", { name: "確認しました" });
    await ack.waitFor({ timeout: 20_000 }).catch((e) => failWith("welcome card", e));
    const messagesBefore = await page.locator(".messages .msg").count();
    await page.screenshot({ path: join(ARTIFACTS, "before-ack.png") });
    await ack.click();
    await page.getByText("に確認しました。").waitFor({ timeout: 15_000 });
    expect(await ack.count()).toBe(0);
    expect(await page.locator(".messages .msg").count()).toBe(messagesBefore);
    await page.screenshot({ path: join(ARTIFACTS, "after-ack.png") });

    // The home tab, in an iframe, greets the user by the name from the SSO token → /api/me.
    await page.getByRole("navigation").getByRole("button", { name: "ホーム" }).click();
    const tab = page.frameLocator("iframe").first();
    const name = tab.getByTestId("home-user-name");
    await name.waitFor({ timeout: 30_000 }).catch((e) => failWith("home tab", e));
    expect(await name.textContent()).toContain(user.displayName);
    const tabFrame = page.frames().find((f) => f.url().startsWith(platform.url));
    expect(tabFrame, "Kōmu's tab is loaded from Kōmu's origin").toBeTruthy();
    expect(await tabFrame?.evaluate(() => document.documentElement.lang)).toBe("ja");
    await expect.poll(() => tab.locator("nav").textContent()).toContain("承認");
    await page.screenshot({ path: join(ARTIFACTS, "home-tab.png") });

    expect(pageErrors).toEqual([]);
  });
});
