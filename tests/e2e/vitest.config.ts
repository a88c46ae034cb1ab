import { defineConfig } from "vitest/config";

// End-to-end: Debian Chromium (playwright-core) through the local Teams client against the whole
// platform (Azurite, local tenant, API + bot, the built tab app) on random ports.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/setup/global.ts"],
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
