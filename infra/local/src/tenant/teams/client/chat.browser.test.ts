/**
 * The Teams client page end to end in Chromium: a local tenant, Kōmu's bot on a tiny Hono app,
 * dev sign-in, the welcome card rendered with adaptivecards, Action.Execute → updated card,
 * a typed message → the bot's reply with a card, a theme switch. Skipped without Chromium.
 */
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createBot, createMemoryConversationStore } from "@komu/functions/bot/index";
import { Hono } from "hono";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ensureDevCa } from "../../../devca.js";
import { BOT_APP_ID, BOT_PASSWORD } from "../../constants.js";
import { startTenant } from "../../server.js";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";

describe.skipIf(!existsSync(CHROMIUM))("Teams client page (Chromium)", () => {
  it("signs in, renders the welcome card, acknowledges it, chats and switches theme", async () => {
    const tls = await ensureDevCa(process.env.KOMU_TEST_DEV_CA_DIR ?? join(tmpdir(), "komu-test-dev-ca"));
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const botPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const tenant = await startTenant({
      port: 0,
      tls,
      botMessagingEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
    });
    const bot = createBot({
      config: {
        botId: BOT_APP_ID,
        botPassword: BOT_PASSWORD,
        botOpenIdMetadata: `${tenant.origin}/botframework/v1/.well-known/openidconfiguration`,
        botTokenIssuer: "https://api.botframework.com",
        botTokenEndpoint: `${tenant.origin}/botframework.com/oauth2/v2.0/token`,
        tenantId: tenant.tenantId,
      },
      conversations: createMemoryConversationStore(tenant.tenantId),
    });
    const app = new Hono();
    app.post("/api/messages", (c) => bot.handle(c.req.raw));
    const botServer = serve({ fetch: app.fetch, port: botPort, hostname: "127.0.0.1" });
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
      botServer.close();
      await tenant.stop();
    }
  });
});
