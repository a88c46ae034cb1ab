/**
 * `npm run provision -- --schools <csv> [--env dev|prod|local] [--dry-run] [--only aoba-e,…]`
 *
 * Provisions the records library (学校文書) of every school in a 校務支援-export CSV
 * (学校コード,学校名,略称,種別) against the tenant configured in env/.env.<env> (+ .env.<env>.user
 * for secrets; the process environment wins): the same code the API's provision endpoint and the
 * local platform run. Idempotent; `--dry-run` reads and prints what would be created. Prints one
 * line per school and the Graph calls and SharePoint RU spent (the client-side RU budget paces
 * the calls, so a whole town stays within the tenant's per-minute budget).
 *
 * Needs the app registration's application permission on the sites (Sites.Selected granted per
 * site, or Sites.Manage.All) and AZURE_STORAGE_CONNECTION_STRING (Kōmu's settings and file plans).
 * Locally, `npm start` already provisions the seeded town.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isKomuError } from "@komu/shared";
import { loadConfig, parseEnvFile } from "../src/config.js";
import { consoleLogger } from "../src/deps.js";
import { createGraphGateway } from "../src/graph/gateway.js";
import { createRecordsDeps, parseSchoolsCsv, provisionSchools } from "../src/records/index.js";
import { createStorage } from "../src/storage/index.js";

const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));

function readEnv(envName: string): Record<string, string | undefined> {
  let merged: Record<string, string | undefined> = { ...process.env };
  for (const file of [`env/.env.${envName}.user`, `env/.env.${envName}`]) {
    const path = join(REPO, file);
    // Later files and the process environment win over earlier ones; parseEnvFile keeps overrides.
    if (existsSync(path)) merged = { ...parseEnvFile(readFileSync(path, "utf8"), merged), ...merged };
  }
  return merged;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      schools: { type: "string" },
      env: { type: "string", default: process.env.KOMU_ENV ?? "dev" },
      "dry-run": { type: "boolean", default: false },
      only: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || !values.schools) {
    console.log(
      "usage: npm run provision -- --schools <schools.csv> [--env dev|prod|local] [--dry-run] [--only id,id]",
    );
    return values.help ? 0 : 2;
  }
  const config = loadConfig(readEnv(values.env as string));
  const only = values.only ? new Set(values.only.split(",").map((s) => s.trim())) : undefined;
  const schools = parseSchoolsCsv(readFileSync(resolve(values.schools), "utf8")).filter(
    (s) => !only || only.has(s.schoolId),
  );
  const storage = await createStorage({
    connectionString: config.storage.connectionString,
    ...(config.storage.tablePrefix ? { tablePrefix: config.storage.tablePrefix } : {}),
  });
  const graph = createGraphGateway(config);
  const records = createRecordsDeps({ config, storage, graph, clock: () => new Date(), logger: consoleLogger });
  const dryRun = values["dry-run"] === true;
  console.log(
    `${dryRun ? "[dry run] " : ""}provisioning ${schools.length} school(s) on ${config.records.sharePointHostname ?? "(SHAREPOINT_HOSTNAME not set)"}, library 「${config.records.libraryName}」, budget ${config.sharePointRuPerMinute} RU/min`,
  );
  const started = Date.now();
  await provisionSchools(records, schools, {
    dryRun,
    onReport: (r) =>
      console.log(
        `  ${r.schoolId.padEnd(12)} library ${r.library}, columns +${r.columnsAdded.length}, ${r.fiscalYear}年度 folders +${r.foldersCreated}, settings ${r.settings}, file plan ${r.filePlan} — ${r.graphCalls} calls, ${r.resourceUnits} RU`,
      ),
  });
  console.log(
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${graph.calls.total()} Graph calls, ${graph.calls.totalUnits?.() ?? 0} SharePoint RU (estimated)`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const message = isKomuError(error) ? `${error.code}: ${error.text.ja} / ${error.text.en}` : String(error);
    console.error(`provisioning failed: ${message}`);
    process.exit(1);
  },
);
