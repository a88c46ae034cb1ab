/**
 * `npm start`: the whole platform on this machine with the seeded demo town.
 *   Azurite (state under .data/azurite), the local Microsoft 365 tenant (.data/m365) on M365_PORT,
 *   Kōmu's API + bot + tab on PORT, the local job runner; the tab app is (re)built in the
 *   background when its build is missing or older than its sources. Ctrl-C stops every child.
 *
 * MSAL only talks to https authorities, so Node must trust the dev CA from its first instruction
 * (see dev-ca-process.ts).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, type RunningPlatform, startPlatform } from "../platform.js";
import { runWithDevCa } from "./dev-ca-process.js";

/**
 * KOMU_DATA_DIR moves the state (default .data); KOMU_TAB_BUILD=off skips the tab build (tests);
 * KOMU_LIVESHARE=off skips Live Share's local relay (LIVESHARE_PORT moves it from 7070).
 */
const dataDir = process.env.KOMU_DATA_DIR ?? join(REPO_ROOT, ".data");
const caDir = join(dataDir, "dev-ca");

async function main(): Promise<void> {
  if (!(await runWithDevCa(caDir))) return;

  const started = Date.now();
  const platform = await startPlatform({ dataDir, caDir, liveShare: process.env.KOMU_LIVESHARE !== "off" });
  const tabBuild = process.env.KOMU_TAB_BUILD === "off" ? undefined : buildTabIfStale();
  printUrls(platform, Date.now() - started);
  platform.recordsReady.then(
    (reports) => {
      const created = reports.filter((r) => r.library === "created").length;
      const ru = reports.reduce((n, r) => n + r.resourceUnits, 0);
      console.log(
        `[records] 学校文書ライブラリ ${reports.length} 校分を確認しました（新規 ${created}、${ru} RU） / records libraries ready for ${reports.length} schools (${created} created, ${ru} RU)`,
      );
    },
    () => undefined, // reported by the platform
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: 停止しています… / stopping…`);
    tabBuild?.kill("SIGTERM");
    await platform.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildTabIfStale() {
  const index = join(REPO_ROOT, "teams-app/dist/index.html");
  const sources = Math.max(newestMtime(join(REPO_ROOT, "teams-app/src")), newestMtime(join(REPO_ROOT, "shared/src")));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return undefined;
  console.log("[tab] building teams-app (vite build)…");
  const child = spawn("npm", ["run", "build", "-w", "teams-app", "--silent"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  child.on("exit", (code) =>
    console.log(code === 0 ? "[tab] タブアプリのビルド完了 / tab app built" : `[tab] ✖ build failed (exit ${code})`),
  );
  return child;
}

function printUrls(p: RunningPlatform, ms: number): void {
  const t = p.tenant;
  console.log(`
Kōmu（校務）ローカル環境が起動しました / the local platform is up (${(ms / 1000).toFixed(1)} s)

  Kōmu (tab app)             ${p.url}/
  API health                 ${p.url}/api/health
  API reference              ${p.url}/api/docs   (OpenAPI: ${p.url}/api/openapi.json)
  Teams client (local)       ${t.httpOrigin}/
  Microsoft 365 (local)      ${t.origin}/v1.0   issuer ${t.issuer}
  Tenant statistics          ${t.origin}/_emulator/stats
  Live Share relay (local)   ${p.liveShare ? `${p.liveShare.relayUrl}   containers ${p.liveShare.containersUrl}` : "off"}
  Azurite                    ${
    p.azurite
      ? Object.entries(p.azurite.ports)
          .map(([k, v]) => `${k}:${v}`)
          .join(" ")
      : "external"
  }

  デモの町: 青葉町 — サインインのパスワード / dev password: ${p.config.m365.devPassword ?? "(see env/.env.local)"}
  状態は .data/ に保存されます（削除すると初期状態に戻ります）。 State lives in .data/ (delete it to start over).
  Ctrl-C で停止 / Ctrl-C stops everything.
`);
}

main().catch((error) => {
  console.error("起動に失敗しました / start-up failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
