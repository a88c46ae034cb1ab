/**
 * Helpers for replaying Microsoft's documented Bot Framework / Teams examples
 * (../shared/contract-examples next to the repository, or $KOMU_CONTRACT_EXAMPLES).
 * Test-only.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface ContractExample {
  source: string;
  api: string;
  request: { method: string | null; path: string | null; headers?: Record<string, string>; body: any };
  response: { status: number | null; headers?: Record<string, string>; body: any };
  note?: string;
}

export const CONTRACT_DIR =
  process.env.KOMU_CONTRACT_EXAMPLES ?? fileURLToPath(new URL("../../../../../../shared/contract-examples/", import.meta.url));

export const haveContracts = existsSync(CONTRACT_DIR);

export function example(name: string): ContractExample {
  return JSON.parse(readFileSync(`${CONTRACT_DIR.replace(/\/$/, "")}/${name}.json`, "utf8")) as ContractExample;
}

const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Differences between `actual` and the documented `expected` shape: every documented key must be
 * present with the same JSON type (values may differ); arrays compare their first element.
 * `optional` lists dotted paths that may be missing.
 */
export function shapeDiff(actual: unknown, expected: unknown, optional: string[] = [], path = ""): string[] {
  if (kind(expected) !== kind(actual)) {
    // documented null means "not known": accept anything
    if (expected === null) return [];
    return [`${path || "(root)"}: expected ${kind(expected)}, got ${kind(actual)}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0 || actual.length === 0) return [];
    return shapeDiff(actual[0], expected[0], optional, `${path}[0]`);
  }
  if (expected && typeof expected === "object") {
    const out: string[] = [];
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in (actual as Record<string, unknown>))) {
        if (!optional.includes(p)) out.push(`${p}: missing`);
        continue;
      }
      out.push(...shapeDiff((actual as Record<string, unknown>)[k], v, optional, p));
    }
    return out;
  }
  return [];
}
