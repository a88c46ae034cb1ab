/**
 * The Teams client page end to end in Chromium: a local tenant, Kōmu's bot on a tiny Hono app,
 * dev sign-in, the welcome card rendered with adaptivecards, Action.Execute → updated card,
 * a typed message → the bot's reply with a card, a theme switch. Skipped without Chromium.
 */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startTenantWithKomuBot } from "../../bot/test-host.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";

describe.skipIf(!existsSync(CHROMIUM))("Teams client page (Chromium)", () => {
  it("signs in, renders the welcome card, acknowledges it, chats and switches theme", async () => {
    const host = await startTenantWithKomuBot();
    const { tenant } = host;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${tenant.httpOrigin}/`);
      await page.waitForSelector("select#user");
      await page.fill("#password", "wrong");
      await page.click("form.signin button[type=submit]");
      await page.waitForSelector("form.signin .error-text:not(:empty)");
      await page.fill("#password", tenant.ctx.config.devPassword);
      await page.click("form.signin button[type=submit]");

      await page.getByRole("button", { name: "確認しました" }).waitFor({ timeout: 15_000 });
      expect(await page.locator(".messages").textContent()).toContain("Kōmu へようこそ");
      await page.getByRole("button", { name: "確認しました" }).click();
      await page.getByText("に確認しました。").waitFor({ timeout: 10_000 });
      expect(await page.getByRole("button", { name: "確認しました" }).count()).toBe(0);
      expect(await page.locator(".messages").textContent()).toContain("編集済み");

      await page.fill(".composer textarea", "使い方");
      await page.keyboard.press("Enter");
      await page.getByText("でできること").waitFor({ timeout: 10_000 });
      expect(await page.locator(".messages").textContent()).not.toContain("[text/html]");

      await page.selectOption(".topbar select", "dark");
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
      expect(await page.getByRole("navigation").getByRole("button", { name: "通知" }).count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await host.stop();
    }
  });
});
