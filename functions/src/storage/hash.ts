import { createHash } from "node:crypto";

export const sha256Hex = (input: string | Uint8Array): string => createHash("sha256").update(input).digest("hex");

/**
 * Canonical JSON: object keys sorted (by UTF-16 code unit order), no whitespace, `undefined`
 * members dropped, arrays kept in order. Two equal values always give the same string.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortDeep(v)));
  if (value !== null && typeof value === "object") {
    if (value instanceof Date) return value.toISOString();
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortDeep(v);
    }
    return out;
  }
  return value;
}
