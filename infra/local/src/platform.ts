/**
 * The whole local platform in one call: Azurite, the local Microsoft 365 tenant, Kōmu's API and
 * bot host (the same code as in Azure), the tab app's static build, and the local job runner.
 * Used by `npm start` (dev/start.ts), the end-to-end tests and the benchmarks.
 *
 * Configuration comes from env/.env.local like in production, with the ports and the storage
 * connection string chosen here; nothing else differs from a real deployment.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Config, loadConfig, loadEnvFile } from "@komu/functions/config";
import type { RuntimeDeps } from "@komu/functions/deps";
import { jobDefinitions } from "@komu/functions/jobs/definitions";
import { type LocalJobs, startLocalJobs } from "@komu/functions/jobs/local-runner";
import { createLocalDeps } from "@komu/functions/local/deps";
import { type RunningApi, startApi } from "@komu/functions/local/server";
import { type ProvisionReport, provisionSchools } from "@komu/functions/records/index";
import { createGraphStudentAccounts, importTownRoster, type RosterImportReport } from "@komu/functions/roster/index";
import { type AzuriteHandle, startAzurite } from "./azurite.js";
import { ensureDevCa } from "./devca.js";
import { type RunningLiveShare, startLiveShare } from "./liveshare/index.js";
import { freePort } from "./ports.js";
import type { SchoolRecord } from "./tenant/seed/load.js";
import { SEED_DATA_DIR } from "./tenant/seed/roster.js";
import { type RunningTenant, startTenant } from "./tenant/server.js";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

export interface PlatformOptions {
  /** Kōmu's port; 0 = a free one. Default: PORT from the environment / .env.local (7071). */
  port?: number;
  /** The local tenant's port; 0 = a free one. Default: M365_PORT (7072). */
  m365Port?: number;
  /** Persist Azurite and the tenant under this folder (npm start: .data). Absent: in memory. */
  dataDir?: string;
  /** Where the dev CA lives. Default `${dataDir}/dev-ca` or a temp folder. */
  caDir?: string;
  /** Use a running Azurite (tests) instead of starting one. */
  storageConnectionString?: string;
  /** Table/queue name prefix (isolation in tests). */
  tablePrefix?: string;
  /** The tab app's build; default teams-app/dist. */
  staticDir?: string;
  throttle?: "documented" | "off";
  faultRate?: number;
  /** Run the outbox worker and the timers (default true). */
  jobs?: boolean;
  /** Extra environment values (win over env/.env.local). */
  env?: Record<string, string | undefined>;
  /**
   * Provision every seeded school's records library (学校文書) in the background (default true);
   * `recordsReady` settles when done. A second start finds everything in place and only reads.
   */
  provisionRecords?: boolean;
  /**
   * Import the seeded town's roster (students.csv, guardians.csv) into Kōmu's tables in the
   * background (default true); `rosterReady` settles when done. A second start finds it unchanged.
   */
  importRoster?: boolean;
  /**
   * Start Live Share's local relay and container map for the meetings' presenter mode (default
   * false; `npm start` turns it on). The tab finds them in /client-config.json (`liveShare`).
   */
  liveShare?: boolean;
  /** The relay's port; 0 = a free one. Default: LIVESHARE_PORT, else 7070 (a free one when `port` is 0). */
  liveSharePort?: number;
  quiet?: boolean;
}

export interface RunningPlatform {
  config: Config;
  /** http://localhost:<port> — Kōmu (API under /api, tab at /) */
  url: string;
  tenant: RunningTenant;
  api: RunningApi;
  deps: RuntimeDeps;
  azurite: AzuriteHandle | undefined;
  /** Settles when the seeded schools' records libraries are provisioned (empty when switched off). */
  recordsReady: Promise<ProvisionReport[]>;
  /** Settles when the seeded roster (名簿) is imported, one report per school (empty when switched off). */
  rosterReady: Promise<RosterImportReport[]>;
  /** Live Share's local relay and container map (when started). */
  liveShare: RunningLiveShare | undefined;
  stop(): Promise<void>;
}

const pick = (value: number | undefined, fallback: string | undefined, dflt: number) =>
  value ?? (fallback ? Number(fallback) : dflt);

export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const caDir = options.caDir ?? join(options.dataDir ?? join(REPO_ROOT, ".data"), "dev-ca");
    const tls = await ensureDevCa(caDir);
    if (process.env.NODE_EXTRA_CA_CERTS !== tls.caPath) {
      throw new Error(
        `NODE_EXTRA_CA_CERTS must be ${tls.caPath} before Node starts (MSAL needs https to the local tenant). Use npm start.`,
      );
    }
    const fromEnv = { ...process.env, ...options.env };
    let port = pick(options.port, fromEnv.PORT, 7071);
    const anyPorts = port === 0; // tests and `PORT=0 npm start`: every port free (Live Share too)
    let m365Port = pick(options.m365Port, fromEnv.M365_PORT, 7072);
    if (port === 0) port = await freePort();
    if (m365Port === 0) m365Port = await freePort();

    let azurite: AzuriteHandle | undefined;
    let connectionString = options.storageConnectionString;
    if (!connectionString) {
      azurite = await startAzurite(
        options.dataDir ? { location: join(options.dataDir, "azurite") } : { inMemory: true },
      );
      stops.push(() => azurite?.stop() ?? Promise.resolve());
      connectionString = azurite.connectionString;
    }

    let liveShare: RunningLiveShare | undefined;
    if (options.liveShare) {
      liveShare = await startLiveShare({
        port: pick(options.liveSharePort, fromEnv.LIVESHARE_PORT, anyPorts ? 0 : 7070),
        ...(options.dataDir ? { dataDir: join(options.dataDir, "liveshare") } : {}),
      });
      stops.push(() => liveShare?.stop() ?? Promise.resolve());
    }

    // Precedence: what the caller chose here > the process environment > env/.env.local.
    const env = loadEnvFile(join(REPO_ROOT, "env/.env.local"), {
      ...fromEnv,
      PORT: String(port),
      M365_PORT: String(m365Port),
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      ...(options.tablePrefix ? { KOMU_TABLE_PREFIX: options.tablePrefix } : {}),
      ...(options.throttle ? { M365_THROTTLE: options.throttle } : {}),
      ...(options.faultRate !== undefined ? { M365_FAULTS: String(options.faultRate) } : {}),
      ...(liveShare
        ? { KOMU_LIVESHARE_RELAY_URL: liveShare.relayUrl, KOMU_LIVESHARE_CONTAINERS_URL: liveShare.containersUrl }
        : {}),
    });
    const config = loadConfig(env);
    const komuOrigin = `http://localhost:${port}`;

    const tenant = await startTenant({
      port: m365Port,
      tls,
      tenantId: config.tenantId,
      komuOrigin,
      botMessagingEndpoint: `${komuOrigin}/api/messages`,
      ...(options.dataDir ? { dataDir: join(options.dataDir, "m365") } : {}),
      throttle: config.m365.throttle,
      faultRate: config.m365.faultRate,
      ...(config.m365.devPassword ? { devPassword: config.m365.devPassword } : {}),
    });
    stops.push(() => tenant.stop());

    const deps = await createLocalDeps(config, options.quiet ? { logger: quietLogger } : {});
    const api = await startApi({
      config,
      port,
      deps,
      staticDir: options.staticDir ?? join(REPO_ROOT, "teams-app/dist"),
    });
    stops.push(() => api.stop());

    let jobs: LocalJobs | undefined;
    if (options.jobs !== false) {
      jobs = startLocalJobs({ definitions: jobDefinitions, deps });
      stops.push(() => jobs?.stop() ?? Promise.resolve());
    }

    const recordsReady =
      options.provisionRecords === false ? Promise.resolve([]) : provisionSeededSchools(tenant, deps);
    // Never an unhandled rejection; whoever awaits recordsReady still sees the error.
    recordsReady.catch((e) => console.error(`[records] provisioning failed: ${e instanceof Error ? e.message : e}`));
    stops.push(() => recordsReady.then(() => undefined).catch(() => undefined));

    const rosterReady = options.importRoster === false ? Promise.resolve([]) : importSeededRoster(tenant, deps);
    rosterReady.catch((e) => console.error(`[roster] import failed: ${e instanceof Error ? e.message : e}`));
    stops.push(() => rosterReady.then(() => undefined).catch(() => undefined));

    return { config, url: api.url, tenant, api, deps, azurite, recordsReady, rosterReady, liveShare, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Provisions the records library of every school the tenant was seeded with (the same code as `npm run provision`). */
async function provisionSeededSchools(tenant: RunningTenant, deps: RuntimeDeps): Promise<ProvisionReport[]> {
  if (!deps.records) return [];
  const schools = [...tenant.ctx.store.collection<SchoolRecord>("schools").values()].map((s) => ({
    schoolId: s.id,
    name: s.name,
    abbreviation: s.abbreviation,
    kind: s.kind,
  }));
  return provisionSchools(deps.records, schools);
}

/** Imports the seeded town's roster export for every school (the same use case as PUT …/roster/*). */
async function importSeededRoster(tenant: RunningTenant, deps: RuntimeDeps): Promise<RosterImportReport[]> {
  const schoolIds = [...tenant.ctx.store.collection<SchoolRecord>("schools").values()]
    .filter((s) => s.kind !== "board")
    .map((s) => s.id)
    .sort();
  return importTownRoster(
    {
      storage: deps.storage,
      accounts: createGraphStudentAccounts(deps.graph),
      onImported: (schoolId) => deps.roster?.invalidate?.(schoolId),
    },
    {
      schoolIds,
      students: readFileSync(join(SEED_DATA_DIR, "students.csv")),
      guardians: readFileSync(join(SEED_DATA_DIR, "guardians.csv")),
      actor: { oid: "system", name: "Kōmu（初期データ）" },
      source: "seed",
    },
  );
}

const quietLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, data?: unknown) => console.error(`[api] ${message}`, data ?? ""),
};
