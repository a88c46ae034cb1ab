/** The tab's local sign-in in a browser page: opens `path`, signs in as `upn` on the local tenant's page and waits to be back. */
import type { RunningPlatform } from "@komu/local/platform";
import type { Page } from "playwright-core";

export async function signInLocally(page: Page, platform: RunningPlatform, upn: string, path: string): Promise<void> {
  await page.goto(`${platform.url}${path}`);
  await page.getByRole("button", { name: "ローカルテナントでサインイン" }).click();
  await page.selectOption("select#username", upn);
  await page.fill("#password", platform.config.m365.devPassword ?? "");
  await page.click("form button[type=submit]");
  await page.waitForURL((url) => url.pathname === path.split("?")[0], { timeout: 20_000 });
}
