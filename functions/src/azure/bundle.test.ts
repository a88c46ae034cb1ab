/**
 * The deployment artifact (functions/scripts/build.ts): builds it into a temp folder and loads it
 * with plain `node` (no tsx, no loaders) the way the Functions Node worker does — a stand-in for
 * the worker's built-in `@azure/functions-core` module records what the app registers — then
 * sends `GET /api/health` through the registered HTTP handler.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildResult, buildFunctions } from "../../scripts/build.js";
import { loadEnvFile } from "../config.js";
import { jobDefinitions } from "../jobs/definitions.js";
import { isTimerJob } from "../jobs/types.js";
import { queueName } from "../storage/names.js";
import { HTTP_METHODS } from "./register.js";

const FUNCTIONS_DIR = fileURLToPath(new URL("../../", import.meta.url));
const ENV_FILE = fileURLToPath(new URL("../../../env/.env.local", import.meta.url));

/** Runs in the child: fakes the worker's core API, imports the bundle, calls the HTTP handler. */
const PROBE = `
import Module, { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
const [deployDir] = process.argv.slice(2);
const registered = [];
let programmingModel;
const core = {
  setProgrammingModel(model) { programmingModel = model; },
  getProgrammingModel() { return programmingModel; },
  registerFunction(metadata, callback) {
    registered.push({ metadata, callback });
    return { dispose() {} };
  },
  registerHook() { return { dispose() {} }; },
  log() {},
};
// The Functions Node worker serves "@azure/functions-core" the same way (a Module._load hook).
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === "@azure/functions-core") return core;
  return load.call(this, request, ...rest);
};
const pkg = JSON.parse((await import("node:fs")).readFileSync(deployDir + "/package.json", "utf8"));
await import(pathToFileURL(deployDir + "/" + pkg.main).href);
const functions = createRequire(deployDir + "/" + pkg.main)("@azure/functions");
const api = registered.find((r) => r.metadata.name === "api");
const response = await api.callback(
  new functions.HttpRequest({ method: "GET", url: "https://komu.example/api/health" }),
  new functions.InvocationContext({ invocationId: "bundle-probe", functionName: "api" }),
);
const body = response.body ? Buffer.from(response.body).toString("utf8") : null;
console.log(JSON.stringify({
  programmingModel: programmingModel ? { name: programmingModel.name, version: programmingModel.version } : null,
  registered: registered.map((r) => ({
    name: r.metadata.name,
    trigger: Object.values(r.metadata.bindings).find((b) => b.direction === "in" && /Trigger$/.test(b.type)),
  })),
  health: { status: response.status, body },
}));
process.exit(0);
`;

interface ProbeOutput {
  programmingModel: { name: string; version: string } | null;
  registered: { name: string; trigger: Record<string, unknown> & { type: string } }[];
  health: { status: number; body: string | null };
}

function runNode(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let workDir: string;
let built: BuildResult;
const prefix = `bundle${Date.now().toString(36)}`;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "komu-functions-build-"));
  built = await buildFunctions({ outDir: join(workDir, "deploy") });
}, 120_000);
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("Functions deployment artifact", () => {
  it("is a v4 programming-model folder: host.json, an ESM package.json whose main is the bundle, its runtime dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(built.outDir, "package.json"), "utf8"));
    const source = JSON.parse(readFileSync(join(FUNCTIONS_DIR, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: "@komu/functions", version: source.version, type: "module", main: "index.js" });
    expect(Object.keys(pkg.dependencies)).toEqual(["@azure/functions"]);
    expect(pkg.dependencies["@azure/functions"]).toMatch(/^4\./);
    expect(join(built.outDir, pkg.main)).toBe(built.bundle);
    expect(readFileSync(join(built.outDir, "host.json"), "utf8")).toBe(
      readFileSync(join(FUNCTIONS_DIR, "host.json"), "utf8"),
    );
    expect(existsSync(join(built.outDir, "node_modules", "@azure", "functions", "package.json"))).toBe(true);
    // Workspace sources are inside the bundle, not imported from it.
    const bundle = readFileSync(built.bundle, "utf8");
    expect(bundle).not.toMatch(/from\s+["']@komu\//);
    expect(bundle).not.toMatch(/\.ts["']\)/);
  });

  it("loads under plain node, registers the HTTP catch-all and every job, and answers /api/health", async () => {
    const connection = process.env.KOMU_TEST_STORAGE_CONNECTION_STRING;
    expect(connection, "the Vitest global setup provides Azurite").toBeTruthy();
    const probe = join(workDir, "probe.mjs");
    writeFileSync(probe, PROBE);
    const env: Record<string, string> = {
      ...loadEnvFile(ENV_FILE),
      KOMU_ENV: "dev",
      AZURE_STORAGE_CONNECTION_STRING: connection as string,
      KOMU_TABLE_PREFIX: prefix,
      PATH: process.env.PATH ?? "",
    };
    const run = await runNode([probe, built.outDir], env);
    expect(run.stderr.replace(/.*WARNING.*\n?/g, "")).not.toMatch(/Error/);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split("\n").at(-1) as string) as ProbeOutput;

    expect(out.programmingModel?.name).toBe("@azure/functions");
    const byName = new Map(out.registered.map((r) => [r.name, r.trigger]));
    expect([...byName.keys()].sort()).toEqual(["api", ...jobDefinitions.map((j) => j.id)].sort());
    expect(byName.get("api")).toMatchObject({
      type: "httpTrigger",
      route: "{*path}",
      authLevel: "anonymous",
      methods: HTTP_METHODS,
    });
    for (const job of jobDefinitions) {
      if (isTimerJob(job)) {
        expect(byName.get(job.id)).toMatchObject({ type: "timerTrigger", schedule: job.schedule });
      } else {
        expect(byName.get(job.id)).toMatchObject({
          type: "queueTrigger",
          queueName: queueName(prefix, job.queue),
          connection: "AZURE_STORAGE_CONNECTION_STRING",
        });
      }
    }

    expect(out.health.status).toBe(200);
    expect(JSON.parse(out.health.body as string)).toMatchObject({
      status: "ok",
      version: JSON.parse(readFileSync(join(FUNCTIONS_DIR, "package.json"), "utf8")).version,
    });
  }, 60_000);

  it("fails to start under plain node without its configuration (it is validated when the host loads the app)", async () => {
    const probe = join(workDir, "probe.mjs");
    writeFileSync(probe, PROBE);
    const run = await runNode([probe, built.outDir], { PATH: process.env.PATH ?? "" });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("CONFIGURATION_INVALID");
  }, 60_000);
});
