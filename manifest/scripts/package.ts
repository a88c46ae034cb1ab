/**
 * npm run package:teams -- --env local|dev|prod
 * Writes manifest/build/komu.<env>.zip, or prints the validation errors and exits with 1.
 */
import { parseArgs } from "node:util";
import { buildTeamsPackage } from "../src/build-package.js";

const { values } = parseArgs({ options: { env: { type: "string", default: "local" } }, strict: true });
const env = values.env ?? "local";
const result = await buildTeamsPackage({ env });
if (result.ok) {
  console.log(`Teams app package written: ${result.zipPath}`);
} else {
  console.error(`Teams app package for "${env}" is not valid:`);
  for (const error of result.errors) console.error(`  - ${error}`);
  process.exitCode = 1;
}
