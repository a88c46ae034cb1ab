/**
 * Issue 2, "Done when": `npm start` answers GET /api/health with 200 within a minute, and Ctrl-C
 * stops every child. Runs the real dev host script (dev CA re-exec, Azurite child with state on
 * disk, local tenant, API) as a separate process, on free ports (PORT=0, M365_PORT=0) with its
 * state in a temp folder; the tab build is skipped (KOMU_TAB_BUILD=off) to spare the CPU.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@komu/local/platform";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "komu-start-"));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

describe("npm start", () => {
  it("serves /api/health within a minute, keeps state under the data folder, and Ctrl-C stops every child", async () => {
    const started = Date.now();
    const { NODE_EXTRA_CA_CERTS: _ignored, ...env } = process.env;
    child = spawn(
      process.execPath,
      [join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "infra/local/src/dev/start.ts"],
      {
        cwd: REPO_ROOT,
        env: { ...env, PORT: "0", M365_PORT: "0", KOMU_DATA_DIR: dataDir, KOMU_TAB_BUILD: "off" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout?.on("data", (d) => (out += String(d)));
    child.stderr?.on("data", (d) => (out += String(d)));

    const api = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /API health\s+(http:\/\/localhost:\d+)\/api\/health/.exec(out);
        if (m?.[1]) clearInterval(timer), resolve(m[1]);
        else if (Date.now() - started > 60_000) clearInterval(timer), reject(new Error(`no URL after 60 s:\n${out}`));
      }, 100);
      child?.once("exit", (code) => (clearInterval(timer), reject(new Error(`exited ${code}:\n${out}`))));
    });
    const health = await fetch(`${api}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(existsSync(join(dataDir, "azurite"))).toBe(true);
    expect(existsSync(join(dataDir, "dev-ca", "ca.pem"))).toBe(true);

    const ports = /Azurite\s+blob:(\d+) queue:(\d+) table:(\d+)/.exec(out)?.slice(1).map(Number) ?? [];
    const apiPort = Number(new URL(api).port);
    expect(ports).toHaveLength(3);
    expect(await portOpen(ports[2] as number)).toBe(true);

    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const port of [...ports, apiPort]) expect(await portOpen(port), `port ${port} closed`).toBe(false);
  }, 90_000);
});
