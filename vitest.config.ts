import { defineConfig } from "vitest/config";

// One run for unit tests (beside the code) and integration tests (tests/integration).
// The global setup starts one Azurite on random ports and prepares the dev CA; every test file
// starts its own local tenant (in memory, random port) and isolates its storage by table prefix.
export default defineConfig({
  test: {
    include: [
      "shared/src/**/*.test.ts",
      "functions/src/**/*.test.ts",
      "infra/local/src/**/*.test.ts",
      "manifest/**/*.test.ts",
      "teams-app/src/**/*.test.{ts,tsx}",
      "tests/integration/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**", "tests/e2e/**"],
    globalSetup: ["tests/setup/global.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
