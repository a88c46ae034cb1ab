/**
 * The teams-js host protocol against the real @microsoft/teams-js in Chromium: a host page on one
 * origin with TeamsJsHost, a tab on another origin calling app.initialize([host origin]),
 * getContext, authentication.getAuthToken, registerOnThemeChangeHandler and notifySuccess.
 * Skipped when no Chromium is installed.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";

const CHROMIUM = process.env.KOMU_CHROMIUM ?? "/usr/bin/chromium";
const HOST_TS = fileURLToPath(new URL("./host.ts", import.meta.url));
const TEAMS_JS = fileURLToPath(
  new URL("../../../../../../node_modules/@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js", import.meta.url),
);

const port = (s: Server) => (s.address() as AddressInfo).port;
const listen = (s: Server) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r));

describe.skipIf(!existsSync(CHROMIUM) || !existsSync(TEAMS_JS))("teams-js host protocol (Chromium)", () => {
  it("initializes a cross-origin tab, answers getContext and getAuthToken, and pushes theme changes", async () => {
    const hostJs = (
      await build({
        stdin: {
          contents: `
            import { TeamsJsHost } from ${JSON.stringify(HOST_TS)};
            const statuses = []; window.statuses = statuses; let theme = "default";
            const host = new TeamsJsHost({ iframe: document.getElementById("tab"), tabOrigin: window.TAB_ORIGIN,
              user: { id: "oid-1", displayName: "山田 花子", userPrincipalName: "hanako@aoba-edu.example" },
              tenantId: "tid-1", appId: "7d0c3b9e-4f2a-4e61-9a8b-2c5d6e7f8a90",
              getTheme: () => theme, getEntityId: () => "notices", getToken: async () => "tok-123",
              onStatus: (s) => statuses.push(s.kind), onNavigate: () => {} });
            window.sendTheme = (t) => { theme = t; host.sendTheme(t); };`,
          resolveDir: process.cwd(),
          loader: "ts",
        },
        bundle: true,
        write: false,
        format: "iife",
        platform: "browser",
        logLevel: "silent",
      })
    ).outputFiles[0]?.text;
    const teamsJs = readFileSync(TEAMS_JS, "utf8");
    const tab = createServer((req, res) => {
      if (req.url === "/teams.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(teamsJs);
      const hostOrigin = `http://127.0.0.1:${port(host)}`;
      res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><script src="/teams.js"></script><script>
        window.themes = [];
        microsoftTeams.app.initialize([${JSON.stringify(hostOrigin)}]).then(async () => {
          const ctx = await microsoftTeams.app.getContext();
          const token = await microsoftTeams.authentication.getAuthToken();
          microsoftTeams.app.registerOnThemeChangeHandler((t) => window.themes.push(t));
          await microsoftTeams.app.notifySuccess();
          window.result = { ctx, token, frame: microsoftTeams.app.getFrameContext(), pages: microsoftTeams.pages.isSupported() };
        }).catch((e) => { window.result = { error: String(e) }; });</script>`);
    });
    const host = createServer((req, res) => {
      if (req.url === "/host.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(hostJs);
      const tabOrigin = `http://localhost:${port(tab)}`;
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(
          `<!doctype html><iframe id="tab" src="${tabOrigin}/"></iframe><script>window.TAB_ORIGIN=${JSON.stringify(tabOrigin)}</script><script src="/host.js"></script>`,
        );
    });
    await listen(tab);
    await listen(host);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port(host)}/`);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      if (!frame) throw new Error("no tab frame");
      await frame.waitForFunction(() => (window as unknown as { result?: unknown }).result, undefined, {
        timeout: 20_000,
      });
      const result = (await frame.evaluate(() => (window as unknown as { result: unknown }).result)) as Record<
        string,
        any
      >;
      expect(result.error).toBeUndefined();
      expect(result.token).toBe("tok-123");
      expect(result.frame).toBe("content");
      expect(result.pages).toBe(true);
      expect(result.ctx.app).toMatchObject({
        locale: "ja-jp",
        theme: "default",
        host: { name: "Teams", clientType: "web" },
      });
      expect(result.ctx.page).toMatchObject({ id: "notices", frameContext: "content" });
      expect(result.ctx.user).toMatchObject({
        id: "oid-1",
        displayName: "山田 花子",
        userPrincipalName: "hanako@aoba-edu.example",
        tenant: { id: "tid-1" },
      });
      await page.evaluate(() => (window as unknown as { sendTheme(t: string): void }).sendTheme("dark"));
      await frame.waitForFunction(() => (window as unknown as { themes: string[] }).themes.length > 0, undefined, {
        timeout: 5_000,
      });
      expect(await frame.evaluate(() => (window as unknown as { themes: string[] }).themes)).toEqual(["dark"]);
      expect(await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses)).toContain("ready");
    } finally {
      await browser.close();
      tab.close();
      host.close();
    }
  });
});
