/**
 * Vitest global setup: runs once in the main process before the test workers start.
 * - generates (or reuses) the dev CA and sets NODE_EXTRA_CA_CERTS, which the forked workers
 *   inherit, so HTTPS to a local tenant started inside a test is trusted by Node and MSAL;
 * - starts one Azurite (blob, queue, table) in memory on random ports and shares its connection
 *   string through KOMU_TEST_STORAGE_CONNECTION_STRING. Tests isolate themselves with a unique
 *   table/queue prefix (see tests/support/platform.ts).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAzurite } from "../../infra/local/src/azurite.js";
import { ensureDevCa } from "../../infra/local/src/devca.js";

export default async function setup(): Promise<() => Promise<void>> {
  const tls = await ensureDevCa(join(tmpdir(), "komu-test-dev-ca"));
  process.env.NODE_EXTRA_CA_CERTS = tls.caPath;
  process.env.KOMU_TEST_DEV_CA_DIR = join(tmpdir(), "komu-test-dev-ca");
  const azurite = await startAzurite({ inMemory: true });
  process.env.KOMU_TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  return async () => {
    await azurite.stop();
  };
}
