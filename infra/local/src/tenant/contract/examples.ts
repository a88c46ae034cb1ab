/** Microsoft's documented request/response examples (../shared/contract-examples, outside the repo). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface ContractExample {
  source: string;
  api: string;
  request: { method: string | null; path: string | null; headers?: Record<string, string>; body: unknown };
  response: { status: number | null; headers?: Record<string, string>; body: unknown };
  note?: string;
}

/** <repo>/infra/local/src/tenant/contract → <repo> */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "..");

export function contractExamplesDir(): string {
  return (
    process.env.KOMU_CONTRACT_EXAMPLES_DIR ??
    process.env.KOMU_CONTRACT_EXAMPLES ??
    resolve(REPO_ROOT, "..", "shared", "contract-examples")
  );
}

export function hasContractExamples(): boolean {
  return existsSync(contractExamplesDir());
}

export function listExamples(): string[] {
  return readdirSync(contractExamplesDir())
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""));
}

export function loadExample(name: string): ContractExample {
  const file = join(contractExamplesDir(), name.endsWith(".json") ? name : `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as ContractExample;
}
