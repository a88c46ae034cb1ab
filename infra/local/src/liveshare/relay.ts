/**
 * The local Fluid relay for Live Share (Microsoft's `@fluidframework/azure-local-service`, which
 * runs tinylicious) as a child process: Live Share's test host talks to it where Teams would use
 * Azure Fluid Relay. Its git storage goes to `storageDir` (tinylicious' `storage` setting, given
 * through nconf's environment override), its operations stay in memory.
 *
 * The child is started with `node <entry>` (not npx, which leaves a stray process behind) and is
 * killed by `stop()` and when this process exits.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface RelayOptions {
  /** The relay's port (must be free). */
  port: number;
  /** Where tinylicious keeps its git storage. */
  storageDir: string;
  /** Milliseconds to wait for it to answer. Default 30 000. */
  startTimeoutMs?: number;
}

export interface RunningRelay {
  /** http://localhost:<port> */
  url: string;
  port: number;
  stop(): Promise<void>;
}

function relayEntry(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@fluidframework/azure-local-service/package.json");
  return join(dirname(pkg), "dist", "index.js");
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const c of live) c.kill("SIGKILL");
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  mkdirSync(options.storageDir, { recursive: true });
  const child = spawn(process.execPath, [relayEntry()], {
    env: {
      ...process.env,
      PORT: String(options.port),
      storage: options.storageDir,
      logger__colorize: "false",
      logger__level: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child);
  let output = "";
  const collect = (b: Buffer) => {
    output = (output + b.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exit;
    clearTimeout(timer);
  };

  const url = `http://localhost:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(url))) {
    if (exited) throw new Error(`the Live Share relay exited during start-up:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Live Share relay did not answer on ${url} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Keep draining its output so a chatty relay never blocks on a full pipe.
  child.stdout?.off("data", collect);
  child.stderr?.off("data", collect);
  child.stdout?.resume();
  child.stderr?.resume();
  return { url, port: options.port, stop };
}
