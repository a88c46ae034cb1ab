/**
 * Named steps for e2e tests: a failing step takes a screenshot of every open page to `.tmp/e2e/`
 * and fails with the step's name, the screenshots' paths and the browser log.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

export const E2E_ARTIFACTS = join(process.cwd(), ".tmp", "e2e");

export function e2eSteps(prefix: string) {
  mkdirSync(E2E_ARTIFACTS, { recursive: true });
  const log: string[] = [];
  const pages: Page[] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const shots = await Promise.all(
        pages.map((p, i) => {
          const file = `${prefix}-failure-${i}.png`;
          return p
            .screenshot({ path: join(E2E_ARTIFACTS, file), fullPage: true })
            .then(() => `.tmp/e2e/${file}`)
            .catch(() => "(no screenshot)");
        }),
      );
      throw new Error(`step "${name}" failed (screenshots: ${shots.join(", ")})\nbrowser log:\n${log.join("\n")}`, {
        cause: error,
      });
    }
  };
  /** Records a page's errors, failed requests and 4xx/5xx answers in the log, and screenshots it on failure. */
  const watch = (page: Page, who: string): Page => {
    pages.push(page);
    page.on("pageerror", (e) => log.push(`pageerror [${who}]: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") log.push(`${m.type()} [${who}]: ${m.text()}`);
    });
    page.on("requestfailed", (r) =>
      log.push(`requestfailed [${who}]: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
    );
    page.on("response", (r) => {
      if (r.status() >= 400) log.push(`http ${r.status()} [${who}]: ${r.request().method()} ${r.url()}`);
    });
    return page;
  };
  const pageErrors = () => log.filter((l) => l.startsWith("pageerror"));
  return { log, pages, step, watch, pageErrors };
}
