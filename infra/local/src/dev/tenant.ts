/**
 * `npm run tenant -w infra/local`: the local Microsoft 365 tenant alone (no Azurite, no Kōmu),
 * configured like `npm start` from env/.env.local and the process environment (M365_PORT,
 * AAD_APP_TENANT_ID, M365_DEV_PASSWORD, M365_THROTTLE, M365_FAULTS, PORT for Kōmu's origin),
 * state under .data/m365 (KOMU_DATA_DIR moves it). Ctrl-C stops it.
 */
import { join } from "node:path";
import { loadConfig, loadEnvFile } from "@komu/functions/config";
import { ensureDevCa } from "../devca.js";
import { REPO_ROOT } from "../platform.js";
import { startTenant } from "../tenant/server.js";

async function main(): Promise<void> {
  const dataDir = process.env.KOMU_DATA_DIR ?? join(REPO_ROOT, ".data");
  const tls = await ensureDevCa(join(dataDir, "dev-ca"));
  const config = loadConfig(loadEnvFile(join(REPO_ROOT, "env/.env.local"), { ...process.env }));
  const komuOrigin = `http://localhost:${config.port}`;
  const tenant = await startTenant({
    port: config.m365Port,
    tls,
    tenantId: config.tenantId,
    komuOrigin,
    botMessagingEndpoint: `${komuOrigin}/api/messages`,
    dataDir: join(dataDir, "m365"),
    throttle: config.m365.throttle,
    faultRate: config.m365.faultRate,
    ...(config.m365.devPassword ? { devPassword: config.m365.devPassword } : {}),
  });
  console.log(`
ローカル Microsoft 365 テナント / the local Microsoft 365 tenant

  Graph v1.0            ${tenant.origin}/v1.0
  issuer (Entra)        ${tenant.issuer}
  Bot Connector         ${tenant.origin}/v3/conversations
  Teams client          ${tenant.httpOrigin}/
  statistics            ${tenant.origin}/_emulator/stats
  throttle / faults     ${config.m365.throttle} / ${config.m365.faultRate}
  state                 ${join(dataDir, "m365")}
  dev CA (trust it)     ${tls.caPath}   e.g. NODE_EXTRA_CA_CERTS=${tls.caPath}, curl --cacert ${tls.caPath}
`);
  const stop = async () => {
    await tenant.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error("起動に失敗しました / start-up failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
