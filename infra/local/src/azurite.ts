/**
 * Starts Azurite (blob + queue + table) as a child process for local development and tests.
 *
 * - Ports default to 0 = "pick free ports": we ask the OS for free ports first (Azurite itself
 *   cannot report the port it bound when given 0), then spawn; a lost race (EADDRINUSE) is retried
 *   with fresh ports.
 * - `inMemory: true` → `--inMemoryPersistence` (tests); otherwise data lives under `location`
 *   (default `.data/azurite` relative to the current directory).
 * - `--skipApiVersionCheck` because today's SDKs speak newer service versions than Azurite 3.35
 *   knows; `--loose` to ignore headers Azurite does not implement.
 * - The child is killed by `stop()` and when this process exits.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createConnection, createServer } from "node:net";
import { dirname, join, resolve } from "node:path";

/** The well-known Azurite / Storage Emulator development account. Not a secret. */
export const DEV_ACCOUNT_NAME = "devstoreaccount1";
export const DEV_ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface StartAzuriteOptions {
  /** Workspace folder for persisted data (ignored when inMemory). Default `.data/azurite`. */
  location?: string;
  inMemory?: boolean;
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /** Milliseconds to wait for the three services to listen. Default 30 000. */
  startTimeoutMs?: number;
}

export interface AzuriteHandle {
  connectionString: string;
  ports: { blob: number; queue: number; table: number };
  stop(): Promise<void>;
}

export function devConnectionString(ports: { blob: number; queue: number; table: number }, host = "127.0.0.1"): string {
  return [
    "DefaultEndpointsProtocol=http",
    `AccountName=${DEV_ACCOUNT_NAME}`,
    `AccountKey=${DEV_ACCOUNT_KEY}`,
    `BlobEndpoint=http://${host}:${ports.blob}/${DEV_ACCOUNT_NAME}`,
    `QueueEndpoint=http://${host}:${ports.queue}/${DEV_ACCOUNT_NAME}`,
    `TableEndpoint=http://${host}:${ports.table}/${DEV_ACCOUNT_NAME}`,
  ].join(";");
}

function azuriteEntry(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("azurite/package.json");
  const pkg = require(pkgPath) as { bin: Record<string, string> };
  const bin = pkg.bin.azurite;
  if (!bin) throw new Error("azurite package has no 'azurite' bin");
  return join(dirname(pkgPath), bin);
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((res) => {
    const sock = createConnection({ port, host: "127.0.0.1" });
    sock.once("connect", () => {
      sock.destroy();
      res(true);
    });
    sock.once("error", () => {
      sock.destroy();
      res(false);
    });
  });
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of live) {
      try {
        child.kill("SIGKILL");
      } catch {
        /* already gone */
      }
    }
  });
}

async function pickPorts(opts: StartAzuriteOptions): Promise<{ blob: number; queue: number; table: number }> {
  const chosen = new Set<number>();
  const pick = async (wanted: number | undefined): Promise<number> => {
    if (wanted) return wanted;
    for (;;) {
      const p = await freePort();
      if (!chosen.has(p)) {
        chosen.add(p);
        return p;
      }
    }
  };
  return { blob: await pick(opts.blobPort), queue: await pick(opts.queuePort), table: await pick(opts.tablePort) };
}

async function startOnce(opts: StartAzuriteOptions): Promise<AzuriteHandle> {
  const ports = await pickPorts(opts);
  const args = [
    azuriteEntry(),
    "--blobPort",
    String(ports.blob),
    "--queuePort",
    String(ports.queue),
    "--tablePort",
    String(ports.table),
    "--blobHost",
    "127.0.0.1",
    "--queueHost",
    "127.0.0.1",
    "--tableHost",
    "127.0.0.1",
    "--skipApiVersionCheck",
    "--loose",
    "--disableTelemetry",
    "--silent",
  ];
  if (opts.inMemory) {
    args.push("--inMemoryPersistence");
  } else {
    const location = resolve(opts.location ?? join(".data", "azurite"));
    mkdirSync(location, { recursive: true });
    args.push("--location", location);
  }

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  installExitHook();
  let output = "";
  const collect = (b: Buffer) => {
    output = (output + b.toString("utf8")).slice(-8000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((res) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      live.delete(child);
      res();
    });
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exitPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      throw new AzuriteStartError(
        `Azurite exited during start-up (code ${exited.code}, signal ${exited.signal}):\n${output}`,
        output,
      );
    }
    // Azurite logs "successfully listening" for each service; also probe the sockets.
    const listening = (output.match(/successfully listening/gi) ?? []).length >= 3;
    if (
      listening ||
      ((await canConnect(ports.blob)) && (await canConnect(ports.queue)) && (await canConnect(ports.table)))
    ) {
      if (!exited) break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new AzuriteStartError(`Azurite did not start listening within the timeout:\n${output}`, output);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.stdout?.off("data", collect);
  child.stderr?.off("data", collect);
  child.stdout?.resume();
  child.stderr?.resume();
  return { connectionString: devConnectionString(ports), ports, stop };
}

export class AzuriteStartError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = "AzuriteStartError";
  }
}

export async function startAzurite(opts: StartAzuriteOptions = {}): Promise<AzuriteHandle> {
  const fixed = Boolean(opts.blobPort || opts.queuePort || opts.tablePort);
  let lastError: unknown;
  for (let attempt = 0; attempt < (fixed ? 1 : 3); attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      lastError = e;
      // Only a port race is worth retrying with fresh random ports.
      if (!(e instanceof AzuriteStartError) || !/EADDRINUSE/.test(e.output)) throw e;
    }
  }
  throw lastError;
}
