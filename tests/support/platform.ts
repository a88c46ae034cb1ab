/**
 * Starts the whole local platform for a test on random ports, isolated by its own table prefix,
 * using the Azurite and dev CA of the global setup (tests/setup/global.ts).
 */
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PlatformOptions, type RunningPlatform, startPlatform } from "@komu/local/platform";

export async function startTestPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const connectionString = process.env.KOMU_TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString)
    throw new Error("KOMU_TEST_STORAGE_CONNECTION_STRING is not set: run through vitest (global setup)");
  const platform = await startPlatform({
    port: 0,
    m365Port: 0,
    caDir: process.env.KOMU_TEST_DEV_CA_DIR ?? join(tmpdir(), "komu-test-dev-ca"),
    storageConnectionString: connectionString,
    tablePrefix: `t${randomBytes(4).toString("hex")}`,
    quiet: true,
    ...options,
  });
  try {
    // Tests read the seeded roster (名簿) as soon as the platform is up.
    await platform.rosterReady;
  } catch (e) {
    await platform.stop();
    throw e;
  }
  return platform;
}
